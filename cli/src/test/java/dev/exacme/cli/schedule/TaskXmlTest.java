package dev.exacme.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** The Task Scheduler definition: the reviewed file, well-formed as schtasks reads it, arguments that survive. */
class TaskXmlTest {

    /** A state directory with a space, an ampersand, quotes and a trailing backslash. */
    private static final String HOSTILE_DIRECTORY = "D:\\R&D \"certs\"\\state\\";
    private static final RenewalSchedule WINDOWS = new RenewalSchedule(LocalTime.of(9, 0), Duration.ofHours(4),
            Duration.ofHours(2), "C:\\Program Files\\exacme\\exacme.cmd",
            List.of("renew", "--quiet", "--config-dir", HOSTILE_DIRECTORY));

    /** Every shape of schedule exacme can produce: default, no delay, odd minutes, longest limit, hostile paths. */
    static List<RenewalSchedule> schedules() {
        return List.of(WINDOWS,
                new RenewalSchedule(LocalTime.of(23, 45), Duration.ZERO, Duration.ofMinutes(90),
                        "C:\\exacme\\exacme.cmd", List.of("renew", "--quiet")),
                new RenewalSchedule(LocalTime.of(0, 0), RenewalSchedule.MAX_RANDOM_DELAY, RenewalSchedule.MAX_TIME_LIMIT,
                        "D:\\Tools & <more>\\exacme.cmd", List.of("renew", "--quiet", "--config-dir", "E:\\x")),
                new RenewalSchedule(LocalTime.of(9, 0), Duration.ofSeconds(1), RenewalSchedule.MIN_TIME_LIMIT,
                        "exacme.cmd", List.of("renew", "--quiet")));
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void everyGeneratedTaskIsValidAgainstTheDocumentedSchema(RenewalSchedule schedule) throws Exception {
        var xml = TaskXml.of(schedule, LocalDate.of(2025, 3, 1));
        TaskSchema.validate(xml);
        // And as the file schtasks reads: UTF-16 LE with a byte order mark, declared UTF-16.
        TaskSchema.validate(TaskXml.encode(xml));
    }

    @Test
    void theReviewedFileIsValidToo() throws Exception {
        TaskSchema.validate(Fixtures.expected("task.xml"));
    }

    @Test
    void theSchemaRefusesTheTriggerOrderExacmeUsedToWrite() {
        // Not vacuous: the order of 0.1.0 (StartBoundary before Enabled, MS-TSCH 2.5.3.1) is refused, as is an
        // element the schema does not know.
        var xml = TaskXml.of(WINDOWS, LocalDate.of(2025, 3, 1));
        var old = xml.replaceFirst("(?s)(\\s*<Enabled>true</Enabled>)(\\s*<StartBoundary>[^<]*</StartBoundary>)", "$2$1");
        assertEquals(false, old.equals(xml), "the test moved StartBoundary before Enabled");
        var failure = assertThrows(SAXException.class, () -> TaskSchema.validate(old));
        assertEquals(true, failure.getMessage().contains("Enabled"), failure.getMessage());
        assertThrows(SAXException.class, () -> TaskSchema.validate(xml.replace("StartWhenAvailable>",
                "StartWhenAvailabe>")));
    }

    @Test
    void matchesTheReviewedFile() {
        assertEquals(Fixtures.expected("task.xml"), TaskXml.of(WINDOWS, LocalDate.of(2025, 3, 1)));
    }

    @Test
    void theFileIsUtf16LittleEndianWithAByteOrderMarkAndTheJdkParserReadsIt() throws Exception {
        var bytes = TaskXml.encode(TaskXml.of(WINDOWS, LocalDate.of(2025, 3, 1)));
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xfe, '<', 0}, Arrays.copyOf(bytes, 4));
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var task = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)).getDocumentElement();
        assertEquals(TaskXml.NAMESPACE, task.getNamespaceURI());
        assertEquals("1.2", task.getAttribute("version"));
        assertEquals("S-1-5-18", text(task, "UserId"));
        assertEquals("HighestAvailable", text(task, "RunLevel"));
        assertEquals("2025-03-01T09:00:00", text(task, "StartBoundary"));
        assertEquals("PT4H", text(task, "RandomDelay"));
        assertEquals("1", text(task, "DaysInterval"));
        assertEquals("true", text(task, "StartWhenAvailable"));
        assertEquals("PT2H", text(task, "ExecutionTimeLimit"));
        assertEquals("IgnoreNew", text(task, "MultipleInstancesPolicy"));
        assertEquals("false", text(task, "DisallowStartIfOnBatteries"));
        assertEquals("false", text(task, "StopIfGoingOnBatteries"));
        assertEquals("C:\\Program Files\\exacme\\exacme.cmd", text(task, "Command"));
        assertEquals("C:\\Program Files\\exacme", text(task, "WorkingDirectory"));
        // After XML unescaping, the arguments are a Windows command line that splits back unchanged.
        var arguments = text(task, "Arguments");
        assertEquals("renew --quiet --config-dir \"D:\\R&D \\\"certs\\\"\\state\\\\\"", arguments);
        assertEquals(List.of("renew", "--quiet", "--config-dir", HOSTILE_DIRECTORY), splitLikeTheCRuntime(arguments));
    }

    @Test
    void settingsAreReadBackInWordsWhateverTheDeclaredEncoding() throws IOException {
        var expected = Map.of(Setting.TIME, "09:00", Setting.RANDOM_DELAY, "4h", Setting.TIME_LIMIT, "2h",
                Setting.COMMAND, "C:\\Program Files\\exacme\\exacme.cmd renew --quiet --config-dir "
                        + "\"D:\\R&D \\\"certs\\\"\\state\\\\\"",
                TaskXml.ACCOUNT, "S-1-5-18", TaskXml.RUN_LEVEL, "HighestAvailable");
        assertEquals(expected, TaskXml.settings(TaskXml.of(WINDOWS, LocalDate.of(2025, 3, 1))));
        // What Task Scheduler gives back is rewritten: other date, offset, other spelling of durations.
        var registered = TaskXml.of(WINDOWS, LocalDate.of(2025, 3, 1))
                .replace("2025-03-01T09:00:00", "2025-03-01T09:00:00+01:00").replace("PT4H", "PT240M");
        assertEquals(expected, TaskXml.settings(registered));
    }

    @Test
    void aDoctypeIsRefused() {
        var hostile = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Task xmlns=\"" + TaskXml.NAMESPACE + "\"><Actions><Exec><Command>&x;</Command></Exec></Actions></Task>";
        assertThrows(IOException.class, () -> TaskXml.settings(hostile));
    }

    @Test
    void noRandomDelayAndMinutesAreWrittenAsXmlDurations() {
        var schedule = new RenewalSchedule(LocalTime.of(23, 45), Duration.ZERO, Duration.ofMinutes(90),
                "C:\\exacme\\exacme.cmd", List.of("renew", "--quiet"));
        var xml = TaskXml.of(schedule, LocalDate.of(2025, 1, 31));
        assertEquals(true, xml.contains("<StartBoundary>2025-01-31T23:45:00</StartBoundary>"), xml);
        assertEquals(true, xml.contains("<RandomDelay>PT0S</RandomDelay>"), xml);
        assertEquals(true, xml.contains("<ExecutionTimeLimit>PT1H30M</ExecutionTimeLimit>"), xml);
    }

    private static String text(Element root, String name) {
        var nodes = root.getElementsByTagNameNS(TaskXml.NAMESPACE, name);
        assertEquals(1, nodes.getLength(), name);
        return nodes.item(0).getTextContent();
    }

    /** The C runtime's rules for splitting a command line (as in CommandLineToArgvW), for the arguments part. */
    static List<String> splitLikeTheCRuntime(String line) {
        var arguments = new java.util.ArrayList<String>();
        var current = new StringBuilder();
        boolean inQuotes = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                int count = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    count++;
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '"') {
                    current.append("\\".repeat(count / 2));
                    if (count % 2 == 1) {
                        current.append('"');
                    } else {
                        inQuotes = !inQuotes;
                    }
                } else {
                    current.append("\\".repeat(count));
                    i--;
                }
                any = true;
            } else if (c == '"') {
                inQuotes = !inQuotes;
                any = true;
            } else if (c == ' ' && !inQuotes) {
                if (any) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (any) {
            arguments.add(current.toString());
        }
        return arguments;
    }

    @Test
    void theSplitterOfThisTestFollowsTheDocumentedExamples() {
        // Examples from Microsoft's "Parsing C command-line arguments".
        assertEquals(List.of("a b c", "d", "e"), splitLikeTheCRuntime("\"a b c\" d e"));
        assertEquals(List.of("ab\"c", "\\", "d"), splitLikeTheCRuntime("\"ab\\\"c\" \"\\\\\" d"));
        assertEquals(List.of("a\\\\\\b", "de fg", "h"), splitLikeTheCRuntime("a\\\\\\b d\"e f\"g h"));
        assertEquals(List.of("a\\\"b", "c", "d"), splitLikeTheCRuntime("a\\\\\\\"b c d"));
        assertEquals(List.of("a\\\\b c", "d", "e"), splitLikeTheCRuntime("a\\\\\\\\\"b c\" d e"));
    }
}
