package dev.exacme.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        for (var width : List.of(80, 60, 40)) {
            var lines = certificates().render(OptionalInt.of(width)).lines().toList();
            assertEquals(lines.get(0).indexOf("DOMAINS"), lines.get(4).indexOf("smtp"), "aligned at " + width);
            assertEquals(lines.get(0).indexOf("PHASE"), lines.get(4).indexOf("inst"), "aligned at " + width);
            assertTrue(lines.get(4).startsWith("excha"), "a cut cell keeps its start: " + lines);
        }
        text.lines().forEach(line -> assertTrue(line.length() <= 80, line));
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
