package dev.exacme.exchange.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.powershell.PowerShellLexer;
import dev.exacme.exchange.powershell.PowerShellScript;
import dev.exacme.store.Thumbprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every IIS script, the Exchange deployment's and the IIS target's alike, compared with
 * reviewed copies in {@code src/test/resources/expected-scripts}. Site names are hostile on
 * purpose: every quote in them must be doubled so that the name stays one single-quoted literal.
 */
class IisScriptsTest {

    private static final Thumbprint THUMBPRINT = Thumbprint.parse("5A7B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B");
    /** A typographic quote, which PowerShell also ends a single-quoted string with. */
    private static final String TYPOGRAPHIC = "O'Brien\u2018s site";
    /** The apostrophe a person types. */
    private static final String APOSTROPHES = "O'Brien's site";

    private static Map<String, PowerShellScript> scripts() {
        var scripts = new PowerShellIisShell.Scripts();
        var sni = new WebBinding(TYPOGRAPHIC, "*", 443, "intranet.contoso.com", Optional.empty(), true);
        var plain = new WebBinding(APOSTROPHES, "*", 8443, "", Optional.empty(), false);
        var map = new LinkedHashMap<String, PowerShellScript>();
        map.put("sites", scripts.sites());
        map.put("web-bindings", scripts.webBindings());
        map.put("ssl-bindings", scripts.sslBindings());
        map.put("bind", scripts.bind(sni, THUMBPRINT));
        map.put("create-binding", scripts.create(sni, THUMBPRINT));
        map.put("delete-binding", scripts.delete(sni));
        map.put("bind-without-sni", scripts.bind(plain, THUMBPRINT));
        map.put("create-binding-without-sni", scripts.create(plain, THUMBPRINT));
        map.put("delete-binding-without-sni", scripts.delete(plain));
        return map;
    }

    @Test
    void everyScriptIsTheReviewedOne() throws Exception {
        var missing = new ArrayList<String>();
        for (var entry : scripts().entrySet()) {
            var expected = Path.of("src/test/resources/expected-scripts", entry.getKey() + ".ps1");
            var actual = entry.getValue().text() + "\n";
            if (!Files.exists(expected)) {
                var written = Files.createDirectories(Path.of("target/actual-scripts")).resolve(entry.getKey() + ".ps1");
                Files.writeString(written, actual);
                missing.add(expected + " (this run's is in " + written + ")");
                continue;
            }
            assertEquals(Files.readString(expected), actual, entry.getKey());
        }
        assertEquals(List.of(), missing, "scripts without a reviewed copy");
    }

    @Test
    void theSiteNameIsOneLiteralWithItsQuotesDoubled() {
        var scripts = scripts();
        var name = Pattern.compile("-Name ('(?:[^'\u2018\u2019\u201A\u201B]|['\u2018\u2019\u201A\u201B]{2})*')");
        for (var key : List.of("create-binding", "delete-binding", "create-binding-without-sni",
                "delete-binding-without-sni")) {
            var text = scripts.get(key).text();
            var found = name.matcher(text);
            assertTrue(found.find(), key + ": " + text);
            var site = key.endsWith("without-sni") ? APOSTROPHES : TYPOGRAPHIC;
            assertEquals(site, PowerShellLexer.singleQuoted(found.group(1)), key);
        }
        assertTrue(scripts.get("create-binding-without-sni").text().contains("-Name 'O''Brien''s site'"),
                scripts.get("create-binding-without-sni").text());
    }

    @Test
    void theSiteNameComesBackFromTheItemPathAsIisQuotesIt() throws Exception {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"protocol":"https","bindingInformation":"*:443:","sslFlags":0,
                 "certificateHash":"5A7B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B","certificateStoreName":"My",
                 "ItemXPath":"/system.applicationHost/sites/site[@name='O''Brien''s site' and @id='3']"}""");

        assertEquals(APOSTROPHES, WebBinding.fromJson(node).site());
    }
}
