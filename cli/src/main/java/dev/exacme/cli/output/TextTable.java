package dev.exacme.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text in columns as wide as their widest cell, the last column unpadded, for people
 * (scripts read {@code --json}).
 */
public final class TextTable {

    private final List<String> headings;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column headings. */
    public TextTable(String... headings) {
        this.headings = List.of(headings);
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
        rows.add(row);
        return this;
    }

    /** The table, one line per row under the headings, two spaces between columns. */
    public String render() {
        var widths = new int[headings.size()];
        for (var i = 0; i < widths.length; i++) {
            widths[i] = headings.get(i).length();
            for (var row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        var text = new StringBuilder();
        line(text, headings, widths);
        rows.forEach(row -> line(text, row, widths));
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths) {
        var line = new StringBuilder();
        for (var i = 0; i < cells.size(); i++) {
            line.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
