package dev.exacme.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** Columns as wide as their widest cell, empty cells shown, the last column not padded; fitted to a terminal width. */
class TextTableTest {

    @Test
    void columnsFitTheirWidestCell() {
        var text = new TextTable("NAME", "NAMES", "DONE")
                .row("mail", "mail.contoso.com,autodiscover.contoso.com", "written")
                .row("a-much-longer-name", "", "refused")
                .render();
        assertEquals("""
                NAME                NAMES                                      DONE
                mail                mail.contoso.com,autodiscover.contoso.com  written
                a-much-longer-name  -                                          refused
                """, text);
    }

    private static TextTable certificates() {
        return new TextTable("NAME", "NOT AFTER", "PHASE", "DOMAINS")
                .row("mail", "2027-03-01 10:00 UTC", "deployed", "mail.contoso.com, autodiscover.contoso.com,"
                        + " owa.contoso.com")
                .row("exchange-2019-frontend-cluster-a", "2027-02-14 08:30 UTC", "installed", "smtp.contoso.com");
    }

    @Test
    void withoutAWidthOrWithRoomEnoughNothingWrapsOrIsCut() {
        var table = certificates();

        assertEquals(table.render(), table.render(OptionalInt.of(200)));
        assertEquals("""
                NAME                              NOT AFTER             PHASE      DOMAINS
                mail                              2027-03-01 10:00 UTC  deployed   mail.contoso.com, autodiscover.contoso.com, owa.contoso.com
                exchange-2019-frontend-cluster-a  2027-02-14 08:30 UTC  installed  smtp.contoso.com
                """, table.render());
    }

    @Test
    void aNarrowerTerminalWrapsTheLastColumnUnderItself() {
        var text = certificates().render(OptionalInt.of(100));

        assertEquals("""
                NAME                              NOT AFTER             PHASE      DOMAINS
                mail                              2027-03-01 10:00 UTC  deployed   mail.contoso.com,
                                                                                   autodiscover.contoso.com,
                                                                                   owa.contoso.com
                exchange-2019-frontend-cluster-a  2027-02-14 08:30 UTC  installed  smtp.contoso.com
                """, text);
        text.lines().forEach(line -> assertTrue(line.length() <= 100, line));
    }

    @Test
    void aNarrowTerminalShortensTheWidestColumnAndKeepsTheOthersAligned() {
        var text = certificates().render(OptionalInt.of(80));

        assertEquals("""
                NAME                  NOT AFTER             PHASE      DOMAINS
                mail                  2027-03-01 10:00 UTC  deployed   mail.contoso.com,
                                                                       autodiscover.contoso.com,
                                                                       owa.contoso.com
                exchange-2019-fro...  2027-02-14 08:30 UTC  installed  smtp.contoso.com
                """, text);
        for (var width : List.of(80, 60)) {
            var lines = certificates().render(OptionalInt.of(width)).lines().toList();
            assertEquals(lines.get(0).indexOf("DOMAINS"), lines.get(4).indexOf("smtp"), "aligned at " + width);
            assertEquals(lines.get(0).indexOf("PHASE"), lines.get(4).indexOf("inst"), "aligned at " + width);
            assertTrue(lines.get(4).startsWith("excha"), "a cut cell keeps its start: " + lines);
        }
        text.lines().forEach(line -> assertTrue(line.length() <= 80, line));
        var blocks = certificates().render(OptionalInt.of(40));
        assertTrue(blocks.startsWith("mail\n  NOT AFTER  2027-03-01 10:00 UTC\n"), "too narrow for columns: " + blocks);
        blocks.lines().forEach(line -> assertTrue(line.length() <= 40, line));
    }

    /** The rows {@code exacme list} makes: the name and the domains are free text, the rest is not. */
    private static TextTable listed() {
        return new TextTable("NAME", "NOT AFTER", "PHASE", "RENEW AT", "LAST RESULT", "DOMAINS")
                .whole("NOT AFTER", "PHASE", "RENEW AT", "LAST RESULT")
                .row("mail", "2031-10-14 09:12 UTC", "installed", "2031-09-01 03:00 UTC", "issued",
                        "mail.contoso.com, autodiscover.contoso.com")
                .note("not due before 2031-09-01 03:00 UTC (lifetime window 2031-08-15 09:12 .. 2031-10-05 09:12)")
                .row("exchange-2019-frontend-cluster-a", "2031-11-02 17:45 UTC", "deploying", "-", "failed",
                        "smtp.contoso.com");
    }

    @Test
    void wholeColumnsAreNeverCutWhileTheyLeaveTheLastColumnRoom() {
        var text = listed().render(OptionalInt.of(110));

        assertEquals("""
                NAME              NOT AFTER             PHASE      RENEW AT              LAST RESULT  DOMAINS
                mail              2031-10-14 09:12 UTC  installed  2031-09-01 03:00 UTC  issued       mail.contoso.com,
                                                                                                      autodiscover.contoso.com
                  not due before 2031-09-01 03:00 UTC (lifetime window 2031-08-15 09:12 .. 2031-10-05 09:12)
                exchange-2019...  2031-11-02 17:45 UTC  deploying  -                     failed       smtp.contoso.com
                """, text);
        text.lines().forEach(line -> assertTrue(line.length() <= 110, line));
    }

    @Test
    void whereWholeColumnsDoNotFitEachRowBecomesABlockAndNothingIsCut() {
        for (var width : List.of(60, 40)) {
            var text = listed().render(OptionalInt.of(width));
            text.lines().forEach(line -> assertTrue(line.length() <= width, width + ": " + line));
            assertFalse(text.contains("..."), "nothing cut at " + width + ":\n" + text);
            for (var whole : List.of("2031-10-14 09:12 UTC", "installed", "2031-09-01 03:00 UTC", "issued",
                    "2031-11-02 17:45 UTC", "deploying", "failed", "exchange-2019-frontend-cluster-a")) {
                assertTrue(text.contains(whole), whole + " whole at " + width + ":\n" + text);
            }
        }
        assertEquals("""
                mail
                  NOT AFTER    2031-10-14 09:12 UTC
                  PHASE        installed
                  RENEW AT     2031-09-01 03:00 UTC
                  LAST RESULT  issued
                  DOMAINS      mail.contoso.com, autodiscover.contoso.com
                  not due before 2031-09-01 03:00 UTC (lifetime window
                  2031-08-15 09:12 .. 2031-10-05 09:12)

                exchange-2019-frontend-cluster-a
                  NOT AFTER    2031-11-02 17:45 UTC
                  PHASE        deploying
                  RENEW AT     -
                  LAST RESULT  failed
                  DOMAINS      smtp.contoso.com
                """, listed().render(OptionalInt.of(60)));
    }

    @Test
    void inABlockTheFreeTextWrapsBesideItsHeading() {
        assertEquals("""
                mail
                  NOT AFTER    2031-10-14 09:12 UTC
                  PHASE        installed
                  RENEW AT     2031-09-01 03:00 UTC
                  LAST RESULT  issued
                  DOMAINS      mail.contoso.com,
                               autodiscover.contoso.com
                  not due before 2031-09-01 03:00 UTC
                  (lifetime window 2031-08-15 09:12 ..
                  2031-10-05 09:12)
                """, listed().render(OptionalInt.of(40)).split("\n\n")[0] + "\n");
    }

    @Test
    void anUnknownWholeColumnIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").whole("C"));
    }

    @Test
    void aWordLongerThanTheLastColumnIsBrokenAndNotesWrapIndented() {
        var text = new TextTable("NAME", "THUMBPRINT")
                .row("mail", "3F2A9C0D4E5B6A7980F1E2D3C4B5A69788776655")
                .note("due: the CA's renewal window opened on 2026-12-01 18:52 UTC; renewed at the next run")
                .render(OptionalInt.of(40));

        assertEquals("""
                NAME  THUMBPRINT
                mail  3F2A9C0D4E5B6A7980F1E2D3C4B5A69788
                      776655
                  due: the CA's renewal window opened on
                  2026-12-01 18:52 UTC; renewed at the
                  next run
                """, text);
    }

    @Test
    void theWidthComesFromColumnsWhenItIsASensibleNumber() {
        assertEquals(OptionalInt.of(120), TerminalWidth.of(Map.of("COLUMNS", "120")));
        assertEquals(OptionalInt.empty(), TerminalWidth.of(Map.of()));
        assertEquals(OptionalInt.empty(), TerminalWidth.of(Map.of("COLUMNS", "wide")));
        assertEquals(OptionalInt.empty(), TerminalWidth.of(Map.of("COLUMNS", "12")), "too narrow to fit into");
    }

    @Test
    void aRowOfTheWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").row("only one"));
    }
}
