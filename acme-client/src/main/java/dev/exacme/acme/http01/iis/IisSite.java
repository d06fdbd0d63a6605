package dev.exacme.acme.http01.iis;

import java.nio.file.Path;
import java.util.List;

/**
 * An IIS site as {@code applicationHost.config} describes it.
 *
 * @param id           the site id (Default Web Site is 1)
 * @param name         the site name
 * @param physicalPath the root virtual directory's folder, environment variables expanded
 * @param httpHosts    host names of its http bindings; an empty string for a binding without one
 */
public record IisSite(int id, String name, Path physicalPath, List<String> httpHosts) {

    public IisSite {
        httpHosts = List.copyOf(httpHosts);
    }
}
