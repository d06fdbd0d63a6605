package dev.exacme.cli.schedule.windows;

import dev.exacme.cli.schedule.CommandRunner;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The character set in which Windows console tools ({@code schtasks.exe}, {@code sc.exe})
 * write text to a pipe: the output code page of the console they are attached to, which is
 * the OEM code page (850, 437, 866...) unless someone ran {@code chcp} in it, and never the
 * ANSI code page ({@code native.encoding}, 1252...) that Java uses by default. Their
 * {@code /XML} output with a byte order mark is UTF-16 and does not come here.
 *
 * <p>Found, in this order: {@code sun.stdout.encoding}, which the JDK sets from the console's
 * output code page when exacme's own output is that console (children started by
 * {@link ProcessBuilder} share it); else the number {@code chcp.com} prints, started the same
 * way as the tools so that it reports the console they get (its words are localized, its
 * digits are ASCII in every code page); else {@code native.encoding}. Not yet run on Windows.
 */
public final class ConsoleCodePage {

    private static final Pattern NUMBER = Pattern.compile("(\\d+)\\D*$");

    private ConsoleCodePage() {
    }

    /** {@code %SystemRoot%\System32\chcp.com}, by absolute path so that PATH cannot substitute it. */
    public static String systemChcp() {
        var root = Optional.ofNullable(System.getenv("SystemRoot")).orElse("C:\\Windows");
        return root + "\\System32\\chcp.com";
    }

    /**
     * The console's character set on this machine.
     *
     * @param properties the JVM's system properties
     * @param chcp       runs {@code chcpCommand}; its output is read for digits only
     */
    public static Charset of(Properties properties, CommandRunner chcp, String chcpCommand) {
        var console = Optional.ofNullable(properties.getProperty("sun.stdout.encoding")).flatMap(ConsoleCodePage::named);
        if (console.isPresent()) {
            return console.get();
        }
        try {
            var result = chcp.run(List.of(chcpCommand));
            if (result.succeeded()) {
                var fromChcp = number(result.output()).flatMap(ConsoleCodePage::forCodePage);
                if (fromChcp.isPresent()) {
                    return fromChcp.get();
                }
            }
        } catch (IOException e) {
            // No chcp (or no console to ask): the platform's encoding is the last guess left.
        }
        return Optional.ofNullable(properties.getProperty("native.encoding")).flatMap(ConsoleCodePage::named)
                .orElse(Charset.defaultCharset());
    }

    /** The code page number in {@code chcp}'s output ("Active code page: 850", "Aktive Codepage: 850."). */
    static Optional<Integer> number(String chcpOutput) {
        var matcher = NUMBER.matcher(chcpOutput.strip());
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(matcher.group(1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Java's character set for Windows code page {@code codePage}, named as the JDK names the
     * console's (UTF-8 for 65001, {@code ms874} to {@code ms950} for the double-byte ones,
     * {@code cpNNN} otherwise), or empty when this JDK has none.
     */
    public static Optional<Charset> forCodePage(int codePage) {
        if (codePage == 65001) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        for (var name : List.of((codePage >= 874 && codePage <= 950 ? "ms" : "cp") + codePage, "cp" + codePage,
                "IBM" + codePage, "x-IBM" + codePage, "windows-" + codePage)) {
            var charset = named(name);
            if (charset.isPresent()) {
                return charset;
            }
        }
        return Optional.empty();
    }

    private static Optional<Charset> named(String name) {
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }
}
