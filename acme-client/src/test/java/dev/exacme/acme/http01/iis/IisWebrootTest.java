package dev.exacme.acme.http01.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.http01.ChallengeToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IisWebrootTest {

    private static final ChallengeToken TOKEN = new ChallengeToken("tok-1", "tok-1.thumb");

    @TempDir
    Path root;

    private IisWebroot webroot() throws IOException {
        return new IisWebroot(new IisSite(1, "Default Web Site", root, List.of("")));
    }

    @Test
    void writesTokenAndWebConfigAndRemovesBoth() throws Exception {
        var folder = root.resolve(".well-known/acme-challenge");
        try (var responder = webroot()) {
            responder.publish(TOKEN);
            responder.publish(new ChallengeToken("tok-2", "tok-2.thumb"));
            assertEquals("tok-1.thumb", Files.readString(folder.resolve("tok-1")));
            var config = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(folder.resolve("web.config").toFile());
            assertEquals("text/plain", ((org.w3c.dom.Element) config.getElementsByTagName("mimeMap").item(0))
                    .getAttribute("mimeType"));
            assertEquals("false", ((org.w3c.dom.Element) config.getElementsByTagName("httpRedirect").item(0))
                    .getAttribute("enabled"));
            assertTrue(responder.describe().contains("IIS site 1 'Default Web Site'"), responder.describe());
        }
        assertFalse(Files.exists(root.resolve(".well-known")), "token, web.config and folders removed");
    }

    @Test
    void anExistingWebConfigIsLeftAlone() throws IOException {
        var folder = Files.createDirectories(root.resolve(".well-known/acme-challenge"));
        var theirs = Files.writeString(folder.resolve("web.config"), "<configuration/>");
        Files.writeString(root.resolve("web.config"), "<configuration><site/></configuration>");
        try (var responder = webroot()) {
            responder.publish(TOKEN);
            assertEquals("<configuration/>", Files.readString(theirs));
        }
        assertEquals("<configuration/>", Files.readString(theirs));
        assertEquals("<configuration><site/></configuration>", Files.readString(root.resolve("web.config")));
        assertFalse(Files.exists(folder.resolve("tok-1")));
    }
}
