package dev.exacme.cli.output;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Rows of text in columns as wide as their widest cell, the last column unpadded, for people
 * (scripts read {@code --json}); a row may carry notes, lines of its own under it.
 *
 * <p>Given a terminal width ({@link TerminalWidth}), a table that would be wider keeps every
 * column aligned: the last column, the free text (domains, a reason, a message), wraps onto
 * continuation lines that start where it starts, and when that would leave it too narrow to
 * read, the widest other column is shortened, as far as {@link #SHORTENED_MINIMUM} if need be,
 * before the next widest, long cells cut with {@code ...}. Columns marked {@link #whole} (times,
 * phases, outcomes: a cut one says nothing) are never shortened; when they leave the last
 * column less than {@link #LAST_COLUMN_MINIMUM}, each row is shown as a block instead, its first
 * cell on a line of its own and every other under it as {@code HEADING  value}, so that nothing
 * is cut (a value longer than a line, a path, is broken onto the next). A last column that
 * would be narrower than its longest word breaks the word rather than the width. Three ASCII
 * dots rather than one ellipsis character: Windows consoles print in code pages (437, 850)
 * that have none.
 */
public final class TextTable {

    /**
     * The narrowest the last column is made before other columns are shortened for it: its
     * longest word, so that words are not broken, but at least this and at most {@link #LAST_COLUMN_WORD}.
     */
    static final int LAST_COLUMN_MINIMUM = 20;

    /** The longest word the last column is kept wide enough for; longer ones are broken. */
    static final int LAST_COLUMN_WORD = 30;

    /** The narrowest a shortened column becomes (never narrower than its heading). */
    static final int SHORTENED_MINIMUM = 8;

    private static final String CUT = "...";
    private static final String GAP = "  ";
    private static final String NOTE_INDENT = "  ";

    private final List<String> headings;
    private final boolean headed;
    private final List<Row> rows = new ArrayList<>();
    private final Set<Integer> whole = new HashSet<>();

    private record Row(List<String> cells, List<String> notes) {
    }

    /** A table with these column headings. */
    public TextTable(String... headings) {
        this(List.of(headings), true);
    }

    private TextTable(List<String> headings, boolean headed) {
        this.headings = headings;
        this.headed = headed;
    }

    /** Labelled values, {@code label  value} per row, without a heading line (e.g. the parts of {@code show}). */
    public static TextTable fields() {
        return new TextTable(List.of("", ""), false);
    }

    /**
     * Marks the columns with these headings as never to be cut, whatever the width: those whose
     * cells mean nothing in part, a time or a short word.
     *
     * @throws IllegalArgumentException for a heading the table does not have
     */
    public TextTable whole(String... columnHeadings) {
        for (var heading : columnHeadings) {
            var column = headings.indexOf(heading);
            if (column < 0) {
                throw new IllegalArgumentException("no column " + heading + " in " + headings);
            }
            whole.add(column);
        }
        return this;
    }

    /** Adds a row; a missing or empty cell is shown as {@code -}. */
    public TextTable row(String... cells) {
        if (cells.length != headings.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headings.size() + " columns");
        }
        var row = new ArrayList<String>();
        for (var cell : cells) {
            row.add(cell == null || cell.isEmpty() ? "-" : cell);
        }
        rows.add(new Row(row, new ArrayList<>()));
        return this;
    }

    /** Adds a line under the last row, indented, outside the columns (e.g. why it is due); empty text adds none. */
    public TextTable note(String text) {
        if (rows.isEmpty()) {
            throw new IllegalStateException("a note belongs to a row: add the row first");
        }
        if (text != null && !text.isEmpty()) {
            rows.get(rows.size() - 1).notes().add(text);
        }
        return this;
    }

    /** The table without a width limit: one line per row under the headings, two spaces between columns. */
    public String render() {
        return render(OptionalInt.empty());
    }

    /** The table fitted to {@code width} characters when there is one, as the class comment says. */
    public String render(OptionalInt width) {
        var widths = naturalWidths();
        var last = widths.length - 1;
        var lastRoom = Integer.MAX_VALUE;
        if (width.isPresent() && start(widths, last) + widths[last] > width.getAsInt()) {
            var room = fit(widths, width.getAsInt());
            if (room.isEmpty()) {
                return stacked(width.getAsInt());
            }
            lastRoom = room.getAsInt();
        }
        var text = new StringBuilder();
        if (headed) {
            line(text, headings, widths, Integer.MAX_VALUE);
        }
        for (var row : rows) {
            line(text, row.cells(), widths, lastRoom);
            notes(text, row, width);
        }
        return text.toString();
    }

    private int[] naturalWidths() {
        var widths = new int[headings.size()];
        for (var i = 0; i < widths.length; i++) {
            widths[i] = headings.get(i).length();
            for (var row : rows) {
                widths[i] = Math.max(widths[i], row.cells().get(i).length());
            }
        }
        return widths;
    }

    /**
     * Narrows the columns before the last, the widest first, until the last has
     * {@link #LAST_COLUMN_MINIMUM} (or its own width, if less) within {@code width}.
     *
     * @return how wide the last column may be; empty when the table should be {@link #stacked}
     */
    private OptionalInt fit(int[] widths, int width) {
        var last = widths.length - 1;
        var longestWord = 0;
        for (var row : rows) {
            for (var word : row.cells().get(last).split(" ")) {
                longestWord = Math.max(longestWord, word.length());
            }
        }
        var wanted = Math.min(widths[last], Math.max(LAST_COLUMN_MINIMUM, Math.min(LAST_COLUMN_WORD, longestWord)));
        // One column at a time, as far as it goes: a long name is cut to its start before a date loses its minutes.
        var shortening = -1;
        while (width - start(widths, last) < wanted) {
            if (shortening < 0 || widths[shortening] <= floor(shortening)) {
                shortening = -1;
                for (var i = 0; i < last; i++) {
                    if (!whole.contains(i) && widths[i] > floor(i)
                            && (shortening < 0 || widths[i] > widths[shortening])) {
                        shortening = i;
                    }
                }
            }
            if (shortening < 0) {
                break; // nothing left to shorten: the last column gets what remains, or its own width
            }
            widths[shortening]--;
        }
        var room = width - start(widths, last);
        if (room >= wanted || room >= Math.min(widths[last], LAST_COLUMN_MINIMUM)) {
            return OptionalInt.of(room); // a word longer than that is broken
        }
        if (!headed || last == 0) {
            return OptionalInt.of(Math.max(wanted, 1)); // labels or a single column: no blocks to make, wider it is
        }
        // Narrower than its minimum the last column would be a few letters a line: blocks read better.
        return OptionalInt.empty();
    }

    /**
     * Each row as a block: its first cell alone, then {@code HEADING  value} per other column,
     * values wrapped beside the headings, then its notes; a blank line between blocks. Nothing is
     * cut: a value longer than a line (a path) is broken onto the next, every character kept, and
     * at {@link #LAST_COLUMN_MINIMUM} or more a line holds any time whole.
     */
    private String stacked(int width) {
        var labels = 0;
        for (var heading : headings.subList(1, headings.size())) {
            labels = Math.max(labels, heading.length());
        }
        var indent = " ".repeat(NOTE_INDENT.length() + labels + GAP.length());
        var room = Math.max(LAST_COLUMN_MINIMUM, width - indent.length());
        var text = new StringBuilder();
        for (var row : rows) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            for (var piece : wrapped(row.cells().get(0), width)) {
                text.append(piece).append('\n');
            }
            for (var i = 1; i < headings.size(); i++) {
                var pieces = wrapped(row.cells().get(i), room);
                var heading = headings.get(i);
                text.append(NOTE_INDENT).append(heading).append(" ".repeat(labels - heading.length())).append(GAP)
                        .append(pieces.get(0)).append('\n');
                for (var piece : pieces.subList(1, pieces.size())) {
                    text.append(indent).append(piece).append('\n');
                }
            }
            notes(text, row, OptionalInt.of(width));
        }
        return text.toString();
    }

    private static void notes(StringBuilder text, Row row, OptionalInt width) {
        var room = width.isPresent() ? Math.max(LAST_COLUMN_MINIMUM, width.getAsInt() - NOTE_INDENT.length())
                : Integer.MAX_VALUE;
        for (var note : row.notes()) {
            for (var piece : wrapped(note, room)) {
                text.append(NOTE_INDENT).append(piece).append('\n');
            }
        }
    }

    private int floor(int column) {
        return Math.max(headings.get(column).length(), SHORTENED_MINIMUM);
    }

    private static int start(int[] widths, int column) {
        var start = 0;
        for (var i = 0; i < column; i++) {
            start += widths[i] + GAP.length();
        }
        return start;
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths, int lastRoom) {
        var line = new StringBuilder();
        var last = cells.size() - 1;
        for (var i = 0; i < last; i++) {
            var cell = shortened(cells.get(i), widths[i]);
            line.append(cell).append(" ".repeat(widths[i] - cell.length())).append(GAP);
        }
        var pieces = wrapped(cells.get(last), lastRoom);
        text.append((line + pieces.get(0)).stripTrailing()).append('\n');
        var indent = " ".repeat(line.length());
        for (var piece : pieces.subList(1, pieces.size())) {
            text.append(indent).append(piece).append('\n');
        }
    }

    private static String shortened(String cell, int width) {
        return cell.length() <= width ? cell : cell.substring(0, Math.max(0, width - CUT.length())) + CUT;
    }

    /** {@code text} in lines of at most {@code room} characters, broken after spaces, a word longer than a line cut. */
    static List<String> wrapped(String text, int room) {
        var lines = new ArrayList<String>();
        var rest = text;
        while (rest.length() > room) {
            var space = rest.lastIndexOf(' ', room);
            var end = space > 0 ? space : room;
            lines.add(rest.substring(0, end).stripTrailing());
            rest = rest.substring(end).stripLeading();
        }
        lines.add(rest);
        return lines;
    }
}
