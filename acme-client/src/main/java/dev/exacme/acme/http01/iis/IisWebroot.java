package dev.exacme.acme.http01.iis;

import dev.exacme.acme.http01.ChallengeToken;
import dev.exacme.acme.http01.Http01Responder;
import dev.exacme.acme.http01.Http01Webroot;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HTTP-01 through an IIS site's folder: the token files go under
 * {@code .well-known/acme-challenge/} like any webroot, with a {@code web.config} beside them
 * that lets IIS serve them: extensionless files as text/plain through the static file
 * handler, no HTTP redirect (the one that sends Exchange visitors to /owa), anonymous URL
 * authorization. Sections IIS locks by default (anonymous authentication, SSL flags) are
 * left out, because setting them in a folder's web.config makes IIS answer 500; the
 * self-check says when they are in the way. A web.config already in that folder is left as
 * it is, and only what exacme wrote is removed.
 */
public final class IisWebroot implements Http01Responder {

    static final String WEB_CONFIG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Written by exacme for ACME HTTP-01 challenges; removed when the challenge is done. -->
            <configuration>
              <system.webServer>
                <staticContent>
                  <remove fileExtension="." />
                  <mimeMap fileExtension="." mimeType="text/plain" />
                </staticContent>
                <handlers>
                  <clear />
                  <add name="StaticFile" path="*" verb="GET,HEAD" modules="StaticFileModule" resourceType="Either"
                       requireAccess="Read" />
                </handlers>
                <httpRedirect enabled="false" />
                <security>
                  <authorization>
                    <clear />
                    <add accessType="Allow" users="*" />
                  </authorization>
                </security>
              </system.webServer>
            </configuration>
            """;

    private final IisSite site;
    private final Http01Webroot files;
    private final Path webConfig;
    private boolean wroteWebConfig;

    public IisWebroot(IisSite site) throws IOException {
        this.site = site;
        this.files = new Http01Webroot(site.physicalPath());
        this.webConfig = site.physicalPath().resolve(".well-known").resolve("acme-challenge").resolve("web.config");
    }

    @Override
    public void publish(ChallengeToken token) throws IOException {
        files.publish(token);
        if (!wroteWebConfig && !Files.exists(webConfig)) {
            PrivateFiles.write(webConfig, WEB_CONFIG, Visibility.PUBLIC_READ);
            wroteWebConfig = true;
        }
    }

    @Override
    public void withdraw(ChallengeToken token) throws IOException {
        files.withdraw(token);
    }

    @Override
    public String describe() {
        return "IIS site " + site.id() + " '" + site.name() + "' (" + files.describe() + ")";
    }

    @Override
    public void close() throws IOException {
        if (wroteWebConfig) {
            Files.deleteIfExists(webConfig);
            wroteWebConfig = false;
        }
        files.close();
    }
}
