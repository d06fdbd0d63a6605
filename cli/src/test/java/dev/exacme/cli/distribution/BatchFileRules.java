package dev.exacme.cli.distribution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules {@code exacme.cmd} keeps against the known pitfalls of cmd.exe batch files, each
 * checked on the file's bytes (no cmd.exe here, and no PowerShell): what is found here is what
 * the file says, not what cmd.exe was seen to do (not yet run on Windows).
 */
final class BatchFileRules {

    private static final Pattern LABEL_USE = Pattern.compile("(?i)\\b(?:goto|call)\\s+:([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern VARIABLE = Pattern.compile("%[A-Za-z_][A-Za-z0-9_]*%");
    private static final Pattern ARGUMENT_REFERENCE = Pattern.compile("%(?:\\*|~?[a-z$:A-Z]*[1-9])");

    private BatchFileRules() {
    }

    /** What is wrong with {@code bytes} as exacme.cmd, in words; empty when nothing is. */
    static List<String> problems(byte[] bytes) {
        var problems = new ArrayList<String>();
        for (var b : bytes) {
            if (b < 0) {
                problems.add("not ASCII: cmd.exe reads batch files in the OEM code page");
                break;
            }
        }
        var text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        if (text.replace("\r\n", "").contains("\n") || text.replace("\r\n", "").contains("\r") || !text.endsWith("\r\n")) {
            problems.add("not CRLF throughout: cmd.exe misreads labels and GOTO targets in LF-only files");
        }
        var lines = List.of(text.split("\r?\n"));
        if (lines.isEmpty() || !lines.get(0).equalsIgnoreCase("@echo off")) {
            problems.add("the first line is not @echo off");
        }

        var disabled = index(lines, line -> line.matches("(?i)setlocal\\b.*\\bDisableDelayedExpansion\\b.*"));
        var enabled = index(lines, line -> line.matches("(?i)setlocal\\b.*\\bEnableDelayedExpansion\\b.*"));
        if (disabled < 0) {
            problems.add("no setlocal DisableDelayedExpansion: with delayed expansion on (a registry default or"
                    + " cmd /V:ON), !NAME! in arguments is expanded and lone ! are dropped");
        }
        var exclamations = new ArrayList<Integer>();
        for (int i = 0; i < lines.size(); i++) {
            if (!comment(lines.get(i)) && lines.get(i).contains("!")) {
                exclamations.add(i);
            }
        }
        var handOver = "set \"EXACME_CMDLINE=!CMDCMDLINE!\"";
        for (var i : exclamations) {
            if (!lines.get(i).equals(handOver) || enabled < 0 || i < enabled || (disabled >= 0 && i > disabled)) {
                problems.add("line " + (i + 1) + " uses ! outside the one hand-over of CMDCMDLINE with delayed"
                        + " expansion on: " + lines.get(i));
            }
        }
        if (!lines.contains(handOver)) {
            problems.add("cmd.exe's own command line is not handed over (" + handOver + ")");
        }

        var argumentLines = new ArrayList<Integer>();
        for (int i = 0; i < lines.size(); i++) {
            if (!comment(lines.get(i)) && ARGUMENT_REFERENCE.matcher(lines.get(i)).find()) {
                argumentLines.add(i);
            }
        }
        if (argumentLines.size() != 1) {
            problems.add("the arguments must be read exactly once (by %* on the java line); read on lines "
                    + argumentLines.stream().map(i -> i + 1).toList());
        }
        for (var i : argumentLines) {
            var line = lines.get(i);
            if (!line.startsWith("\"%JAVA_EXE%\" ") || !line.endsWith(" %*") || line.indexOf("%*") != line.length() - 2) {
                problems.add("line " + (i + 1) + " reads the arguments other than as the last thing on the java line: "
                        + line);
            }
            if (disabled < 0 || i < disabled) {
                problems.add("line " + (i + 1) + " reads the arguments before delayed expansion is off");
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i).strip().toLowerCase(Locale.ROOT);
            if (comment(lines.get(i))) {
                continue;
            }
            if (line.matches("(.*[\\s&(])?call\\s.*") && !line.matches("call :[a-z_]+")) {
                problems.add("line " + (i + 1) + ": CALL other than of a label without arguments (CALL expands"
                        + " %NAME% a second time and doubles carets): " + lines.get(i));
            }
        }
        var depth = 0;
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            if (comment(line)) {
                continue;
            }
            if (depth > 0 && VARIABLE.matcher(line).find()) {
                problems.add("line " + (i + 1) + " expands %NAME% inside a ( ) block, where it is expanded once for"
                        + " the whole block and a ) in the value ends it: " + line);
            }
            if (line.strip().endsWith("(")) {
                depth++;
            }
            if (line.strip().equals(")")) {
                depth--;
            }
        }
        var labels = new LinkedHashSet<String>();
        for (var line : lines) {
            if (line.startsWith(":") && !line.startsWith("::")) {
                labels.add(line.substring(1).strip().toLowerCase(Locale.ROOT));
            }
        }
        for (var line : lines) {
            var use = LABEL_USE.matcher(line);
            while (!comment(line) && use.find()) {
                if (!labels.contains(use.group(1).toLowerCase(Locale.ROOT)) && !use.group(1).equalsIgnoreCase("eof")) {
                    problems.add("no label :" + use.group(1) + " for: " + line);
                }
            }
        }
        return problems;
    }

    private static boolean comment(String line) {
        var stripped = line.strip().toLowerCase(Locale.ROOT);
        return stripped.startsWith("rem ") || stripped.equals("rem") || stripped.startsWith("::");
    }

    private static int index(List<String> lines, java.util.function.Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
