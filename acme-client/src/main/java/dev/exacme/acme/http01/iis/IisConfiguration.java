package dev.exacme.acme.http01.iis;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The sites of an IIS server, read from {@code applicationHost.config}
 * ({@code %windir%\System32\inetsrv\config\applicationHost.config}): their ids, names,
 * root folders and http bindings. Plain XML reading, so it is tested on Linux with copies of
 * the file; on Windows it reads the real one (not yet run on Windows).
 */
public final class IisConfiguration {

    private static final Pattern VARIABLE = Pattern.compile("%([^%]+)%");

    private final List<IisSite> sites;
    private final Path source;

    private IisConfiguration(List<IisSite> sites, Path source) {
        this.sites = List.copyOf(sites);
        this.source = source;
    }

    /** The file on this Windows machine. */
    public static Path machineConfiguration(Map<String, String> environment) {
        var windows = environment.getOrDefault("windir", environment.getOrDefault("SystemRoot", "C:\\Windows"));
        return Path.of(windows, "System32", "inetsrv", "config", "applicationHost.config");
    }

    /** {@link #machineConfiguration}, when this machine has IIS and it can be read. */
    public static java.util.Optional<Path> installedConfiguration(Map<String, String> environment) {
        var file = machineConfiguration(environment);
        return java.nio.file.Files.isReadable(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    /**
     * Reads the sites.
     *
     * @param environment for expanding {@code %SystemDrive%} and the like in physical paths
     * @throws InvalidRequest naming the file if it is missing or unreadable
     */
    public static IisConfiguration read(Path file, Map<String, String> environment) throws InvalidRequest {
        if (!Files.isReadable(file)) {
            throw new InvalidRequest("--webroot iis: cannot read the IIS configuration " + file + " (is IIS installed, "
                    + "and does exacme run as an administrator?).");
        }
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var document = factory.newDocumentBuilder().parse(file.toFile());
            var sites = new ArrayList<IisSite>();
            var siteNodes = document.getElementsByTagName("site");
            for (int i = 0; i < siteNodes.getLength(); i++) {
                var site = (Element) siteNodes.item(i);
                if (!(site.getParentNode() instanceof Element parent) || !parent.getTagName().equals("sites")) {
                    continue;
                }
                sites.add(new IisSite(Integer.parseInt(site.getAttribute("id")), site.getAttribute("name"),
                        Path.of(expand(rootFolder(site), environment)), httpHosts(site)));
            }
            return new IisConfiguration(sites, file);
        } catch (IOException | SAXException | ParserConfigurationException | NumberFormatException e) {
            throw new InvalidRequest("--webroot iis: the IIS configuration " + file + " cannot be read ("
                    + e.getMessage() + ").");
        }
    }

    private static String rootFolder(Element site) {
        var applications = site.getElementsByTagName("application");
        for (int i = 0; i < applications.getLength(); i++) {
            var application = (Element) applications.item(i);
            if (application.getAttribute("path").equals("/")) {
                var directories = application.getElementsByTagName("virtualDirectory");
                for (int j = 0; j < directories.getLength(); j++) {
                    var directory = (Element) directories.item(j);
                    if (directory.getAttribute("path").equals("/")) {
                        return directory.getAttribute("physicalPath");
                    }
                }
            }
        }
        return "";
    }

    private static List<String> httpHosts(Element site) {
        var hosts = new ArrayList<String>();
        var bindings = site.getElementsByTagName("binding");
        for (int i = 0; i < bindings.getLength(); i++) {
            var binding = (Element) bindings.item(i);
            if (binding.getAttribute("protocol").equalsIgnoreCase("http")) {
                // bindingInformation is address:port:host.
                var parts = binding.getAttribute("bindingInformation").split(":", 3);
                hosts.add(parts.length == 3 ? parts[2].toLowerCase(Locale.ROOT) : "");
            }
        }
        return hosts;
    }

    static String expand(String path, Map<String, String> environment) {
        Matcher matcher = VARIABLE.matcher(path);
        var result = new StringBuilder();
        while (matcher.find()) {
            var value = environment.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(matcher.group(1)))
                    .map(Map.Entry::getValue).findFirst().orElse(matcher.group());
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString().replace('\\', '/');
    }

    /** Every site. */
    public List<IisSite> sites() {
        return sites;
    }

    /**
     * The site named by {@code --webroot}: {@code iis} picks the site with an http binding
     * for the first name (else Default Web Site), a number is a site id, anything else a
     * site name.
     *
     * @throws InvalidRequest listing the sites when none matches
     */
    public IisSite site(String selector, String firstName) throws InvalidRequest {
        if (selector.equalsIgnoreCase("iis")) {
            var name = firstName.toLowerCase(Locale.ROOT);
            return sites.stream().filter(site -> site.httpHosts().contains(name)).findFirst()
                    .or(() -> sites.stream().filter(site -> site.id() == 1).findFirst())
                    .orElseThrow(() -> notFound("site bound to " + firstName + ", and no Default Web Site,"));
        }
        if (selector.matches("\\d+")) {
            var id = Integer.parseInt(selector);
            return sites.stream().filter(site -> site.id() == id).findFirst()
                    .orElseThrow(() -> notFound("site with id " + id));
        }
        return sites.stream().filter(site -> site.name().equalsIgnoreCase(selector)).findFirst()
                .orElseThrow(() -> notFound("site named '" + selector + "'"));
    }

    private InvalidRequest notFound(String what) {
        return new InvalidRequest("--webroot: no " + what + " in " + source + ". Sites: " + String.join(", ",
                sites.stream().map(site -> site.id() + " '" + site.name() + "'").toList()) + ".");
    }
}
