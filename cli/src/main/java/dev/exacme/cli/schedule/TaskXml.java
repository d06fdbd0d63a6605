package dev.exacme.cli.schedule;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The Task Scheduler 1.2 task definition for {@code schtasks.exe /Create /XML}: daily at the
 * schedule's time with its random delay, as SYSTEM ({@code S-1-5-18}) with highest
 * privileges, started late when the machine was off, stopped after the time limit, one
 * instance at a time, on battery too.
 *
 * <p>Encoding: the file is written as UTF-16 LE with a byte order mark and says
 * {@code encoding="UTF-16"}, which is how Task Scheduler itself exports tasks
 * ({@code schtasks /Query /XML}, the MMC) and what {@code schtasks /Create /XML} is known to
 * accept; a UTF-8 file that declares UTF-16, or the reverse, is refused as malformed.
 *
 * <p>Every element is one of the types [MS-TSCH] §2.5 documents, in the order its sequences
 * demand: a trigger is the sequence Enabled, StartBoundary, EndBoundary, Repetition,
 * ExecutionTimeLimit (§2.5.3.1) followed by the calendar trigger's RandomDelay and schedule
 * (§2.5.3.9). The Task, RegistrationInfo, Settings, Principal and Exec children are unordered
 * ({@code xs:all}). The tests validate every task against a schema transcribed from those
 * types. Not yet run on Windows.
 */
public final class TaskXml {

    public static final String NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task";
    /** The well-known SID of LocalSystem, never the localized account name. */
    public static final String SYSTEM_SID = "S-1-5-18";
    public static final String ACCOUNT = "account";
    public static final String RUN_LEVEL = "run level";

    private static final DateTimeFormatter BOUNDARY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Pattern PLAIN_ARGUMENT = Pattern.compile("[A-Za-z0-9_.:\\\\/+,=@-]+");

    private TaskXml() {
    }

    /**
     * The task definition as text.
     *
     * @param startDate the first day of the trigger (today when installing); only its time of
     *                  day matters afterwards
     */
    public static String of(RenewalSchedule schedule, LocalDate startDate) {
        var launcher = schedule.launcher();
        var separator = launcher.lastIndexOf('\\');
        // WorkingDirectory is a non-empty pathType: left out (the service's default) for a bare command name.
        var workingDirectory = separator > 0 ? "\n      <WorkingDirectory>" + escape(launcher.substring(0, separator))
                + "</WorkingDirectory>" : "";
        return """
                <?xml version="1.0" encoding="UTF-16"?>
                <Task version="1.2" xmlns="%s">
                  <RegistrationInfo>
                    <Author>exacme</Author>
                    <Description>Renews the certificates exacme manages (exacme renew). Installed by exacme schedule install; removed by exacme schedule remove.</Description>
                  </RegistrationInfo>
                  <Triggers>
                    <CalendarTrigger>
                      <Enabled>true</Enabled>
                      <StartBoundary>%s</StartBoundary>
                      <RandomDelay>%s</RandomDelay>
                      <ScheduleByDay>
                        <DaysInterval>1</DaysInterval>
                      </ScheduleByDay>
                    </CalendarTrigger>
                  </Triggers>
                  <Principals>
                    <Principal id="Author">
                      <UserId>%s</UserId>
                      <RunLevel>HighestAvailable</RunLevel>
                    </Principal>
                  </Principals>
                  <Settings>
                    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
                    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
                    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
                    <StartWhenAvailable>true</StartWhenAvailable>
                    <Enabled>true</Enabled>
                    <ExecutionTimeLimit>%s</ExecutionTimeLimit>
                  </Settings>
                  <Actions Context="Author">
                    <Exec>
                      <Command>%s</Command>
                      <Arguments>%s</Arguments>%s
                    </Exec>
                  </Actions>
                </Task>
                """.formatted(NAMESPACE, startDate.atTime(schedule.time()).format(BOUNDARY),
                schedule.randomDelay(), SYSTEM_SID, schedule.timeLimit(), escape(launcher),
                escape(arguments(schedule.arguments())), workingDirectory);
    }

    /** The bytes of the file handed to schtasks: UTF-16 LE with a byte order mark. */
    public static byte[] encode(String xml) {
        var body = xml.getBytes(StandardCharsets.UTF_16LE);
        return ByteBuffer.allocate(body.length + 2).put((byte) 0xff).put((byte) 0xfe).put(body).array();
    }

    /**
     * The arguments as one Windows command line, quoted so that the C runtime (and so
     * {@code java.exe}, which the launcher passes them to) splits them back unchanged.
     */
    static String arguments(List<String> arguments) {
        return arguments.stream().map(TaskXml::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String argument) {
        if (PLAIN_ARGUMENT.matcher(argument).matches()) {
            return argument;
        }
        var quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (var c : argument.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            // Backslashes before a quote are doubled, and the quote itself escaped.
            quoted.append("\\".repeat(c == '"' ? backslashes * 2 + 1 : backslashes)).append(c);
            backslashes = 0;
        }
        // Trailing backslashes are doubled so that they do not escape the closing quote.
        return quoted.append("\\".repeat(backslashes * 2)).append('"').toString();
    }

    /** Escapes element content (quotes need no escaping there, and stay readable). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * What a task definition does, by {@link Setting} name plus {@link #ACCOUNT} and
     * {@link #RUN_LEVEL}. The XML is read from characters, so its encoding declaration (which
     * says UTF-16 even when schtasks printed it in the console code page) does not matter.
     */
    public static Map<String, String> settings(String xml) throws IOException {
        var task = parse(xml).getDocumentElement();
        var settings = new LinkedHashMap<String, String>();
        first(task, "StartBoundary").ifPresent(start -> settings.put(Setting.TIME, timeOfDay(start)));
        settings.put(Setting.RANDOM_DELAY, first(task, "RandomDelay").map(TaskXml::duration).orElse("0"));
        element(task, "Settings").flatMap(element -> first(element, "ExecutionTimeLimit"))
                .ifPresent(limit -> settings.put(Setting.TIME_LIMIT, duration(limit)));
        first(task, "Command").ifPresent(command -> settings.put(Setting.COMMAND,
                command + first(task, "Arguments").map(arguments -> " " + arguments).orElse("")));
        first(task, "UserId").ifPresent(user -> settings.put(ACCOUNT, user));
        settings.put(RUN_LEVEL, first(task, "RunLevel").orElse("LeastPrivilege"));
        return settings;
    }

    /** The settings {@code schedule} gets as a task. */
    public static Map<String, String> settings(RenewalSchedule schedule) {
        try {
            return settings(of(schedule, LocalDate.of(2000, 1, 1)));
        } catch (IOException e) {
            throw new IllegalStateException("exacme generated a task definition it cannot read", e);
        }
    }

    /** Parses with DTDs and external entities refused. */
    static Document parse(String xml) throws IOException {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            var text = xml.startsWith("\ufeff") ? xml.substring(1) : xml;
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("the task definition is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static Optional<String> first(Element parent, String name) {
        var nodes = parent.getElementsByTagNameNS(NAMESPACE, name);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of(nodes.item(0).getTextContent().strip());
    }

    private static Optional<Element> element(Element parent, String name) {
        var nodes = parent.getElementsByTagNameNS(NAMESPACE, name);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of((Element) nodes.item(0));
    }

    private static String timeOfDay(String boundary) {
        try {
            // Task Scheduler may add a UTC offset; the first 19 characters are the local date and time.
            var local = LocalDateTime.parse(boundary.length() > 19 ? boundary.substring(0, 19) : boundary, BOUNDARY);
            return local.toLocalTime().toString();
        } catch (DateTimeParseException e) {
            return boundary;
        }
    }

    private static String duration(String xsDuration) {
        try {
            return DurationWords.of(Duration.parse(xsDuration));
        } catch (DateTimeParseException e) {
            return xsDuration;
        }
    }
}
