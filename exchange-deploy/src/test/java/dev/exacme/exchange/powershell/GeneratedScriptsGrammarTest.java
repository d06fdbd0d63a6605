package dev.exacme.exchange.powershell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every script exacme gives PowerShell ({@link GeneratedScripts}: the Exchange, IIS, rescue and
 * doctor scripts, each session's prelude, wrapped and passed exactly as {@link PowerShellRunner}
 * passes them, with {@link HostileValues} in every string) is parsed by an independent
 * PowerShell grammar ({@link PowerShellGrammar}), twice: as it is, and with PowerShell's
 * typographic quotes folded into ASCII ones (which the grammar does not know), each time after
 * the two {@link GrammarWorkarounds} and nothing else. A script fails when its tree has ERROR or
 * MISSING nodes, or when it calls {@link HostileValues#INJECTED}: then a value left its literal.
 */
class GeneratedScriptsGrammarTest {

    private static final Pattern POWERSHELL_SCRIPT = Pattern.compile("\\bPowerShellScript\\b");
    private static final Pattern POWERSHELL_RUNNER = Pattern.compile("\\bPowerShellRunner\\b");

    @Test
    void everyScriptTheRunnerIsGivenParsesAndNoValueLeavesItsLiteral() throws Exception {
        PowerShellGrammar.require();
        var collected = GeneratedScripts.collect();
        assertEquals(List.of(), collected.problems(), "calls that ran no script");
        var runners = GeneratedScripts.scriptRunners().stream().map(Class::getSimpleName).toList();
        assertTrue(runners.containsAll(List.of("PowerShellExchangeShell", "PowerShellIisShell", "NetshCertificates")),
                "the classes that run PowerShell were found: " + runners);
        var scripts = collected.scripts();
        assertTrue(scripts.stream().anyMatch(script -> script.mode() == RunnerCapture.Mode.FILE),
                "some scripts went through the .ps1 file the runner writes");
        assertTrue(scripts.stream().anyMatch(script -> script.mode() == RunnerCapture.Mode.ENCODED_COMMAND),
                "some scripts went through -EncodedCommand");
        assertTrue(scripts.stream().anyMatch(GeneratedScripts.Script::hostile), "hostile values reached scripts");

        var texts = new ArrayList<PowerShellGrammar.Named>();
        for (var script : scripts) {
            texts.add(new PowerShellGrammar.Named(script.origin(), GrammarWorkarounds.apply(script.text())));
            texts.add(new PowerShellGrammar.Named(script.origin() + " folded",
                    GrammarWorkarounds.apply(GrammarWorkarounds.foldTypographicQuotes(script.text()))));
        }
        var readings = PowerShellGrammar.parse(texts);
        var failures = new ArrayList<String>();
        for (var i = 0; i < readings.size(); i++) {
            var reading = readings.get(i);
            var script = scripts.get(i / 2);
            var how = i % 2 == 0 ? "as it is" : "with typographic quotes folded";
            var injected = reading.commands().stream()
                    .filter(command -> command.equalsIgnoreCase(HostileValues.INJECTED)).count();
            if (!reading.parses() || injected > 0) {
                failures.add(script.origin() + " (" + script.mode() + ", read " + how + "): "
                        + (reading.parses() ? "" : "does not parse: " + where(texts.get(i).text(), reading.errors()))
                        + (injected == 0 ? "" : " calls " + HostileValues.INJECTED + " " + injected + " times")
                        + "; the text parsed is " + reading.file());
            }
        }
        Files.writeString(Path.of("target/powershell-grammar/coverage.txt"), PowerShellGrammar.version() + ", "
                + scripts.size() + " distinct scripts\n" + String.join("\n",
                collected.coverage().stream().map(Object::toString).toList()) + "\n");
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size()
                + " readings of scripts the PowerShell grammar rejects, the first 20 shown (" + PowerShellGrammar.version()
                + "; " + scripts.size() + " distinct scripts, coverage in target/powershell-grammar/coverage.txt)");
    }

    @Test
    void aMissingEscapeIsReportedAsNotParsingWhereItHappens() throws Exception {
        PowerShellGrammar.require();
        var capture = new RunnerCapture(GeneratedScripts.WORK);
        // What a generator that forgot PowerShellLiteral would write: the quote in the name ends
        // the literal, and the closing one opens a string that nothing closes.
        capture.runner().run(new PowerShellScript("Get-Website -Name '" + "O'Brien" + "'"));
        capture.runner().run(PowerShellScript.builder().line("Get-Website -Name {}", "O'Brien").build());
        var passed = capture.take();

        var broken = PowerShellGrammar.parse("missing-escape", GrammarWorkarounds.apply(passed.get(0).text()));
        var escaped = PowerShellGrammar.parse("escaped", GrammarWorkarounds.apply(passed.get(1).text()));

        assertFalse(broken.parses(), "an unclosed quote must be reported: " + broken);
        var line = passed.get(0).text().lines().toList().indexOf("Get-Website -Name 'O'Brien'") + 1;
        assertTrue(line > 0);
        assertTrue(broken.errors().stream().anyMatch(error -> error.line() >= line), broken.errors().toString());
        assertTrue(escaped.parses(), "the same name as a literal parses: " + escaped);
    }

    @Test
    void aValueThatLeavesItsLiteralAndStillParsesIsFoundByTheCommandItCalls() throws Exception {
        PowerShellGrammar.require();
        var capture = new RunnerCapture(GeneratedScripts.WORK);
        capture.runner().run(new PowerShellScript("Get-Website -Name '" + HostileValues.HOSTILE.get(0) + "'"));
        var reading = PowerShellGrammar.parse("balanced-injection", capture.take().get(0).text());

        assertTrue(reading.parses(), "a balanced injection is valid PowerShell: " + reading);
        assertTrue(reading.commands().contains(HostileValues.INJECTED), reading.commands().toString());
    }

    @Test
    void theGrammarDoesNotKnowTypographicQuotesSoTheFoldedReadingFindsWhatItMisses() throws Exception {
        PowerShellGrammar.require();
        // PowerShell ends this literal at U+2019 and calls the command; the grammar reads one string.
        var script = "Get-Website -Name 'EX01\u2019; " + HostileValues.INJECTED + "; \u2018'";
        var asItIs = PowerShellGrammar.parse("typographic", script);
        var folded = PowerShellGrammar.parse("typographic-folded", GrammarWorkarounds.foldTypographicQuotes(script));
        var doubled = PowerShellGrammar.parse("typographic-doubled", GrammarWorkarounds.foldTypographicQuotes(
                PowerShellScript.builder().line("Get-Website -Name {}", HostileValues.HOSTILE.get(1)).build().text()));

        assertFalse(asItIs.commands().contains(HostileValues.INJECTED),
                "if the grammar learnt PowerShell's typographic quotes, the folded reading is no longer needed");
        assertTrue(folded.commands().contains(HostileValues.INJECTED), folded.toString());
        assertTrue(doubled.parses() && !doubled.commands().contains(HostileValues.INJECTED), doubled.toString());
    }

    /**
     * The scripts are found from the classes that take a runner; this keeps PowerShell from
     * being run from anywhere else unseen. In this module only the powershell package and the
     * classes {@link GeneratedScripts} drives hold a {@code PowerShellRunner} (a class building
     * parts of scripts for them needs none, and its parts are parsed where they are run); the
     * other modules may hand a runner to those classes but build no {@code PowerShellScript}.
     */
    @Test
    void powerShellIsRunOnlyWhereTheGrammarTestLooks() throws Exception {
        var driven = GeneratedScripts.scriptRunners().stream()
                .map(type -> type.getName().replaceAll("\\$.*", "").replace('.', '/') + ".java").toList();
        var here = Path.of("").toRealPath();
        var unseen = new ArrayList<String>();
        for (var module : modules()) {
            var sources = module.resolve("src/main/java");
            var thisModule = module.toRealPath().equals(here);
            try (Stream<Path> files = Files.walk(sources)) {
                for (var file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                    var source = Files.readString(file, StandardCharsets.UTF_8);
                    var relative = sources.relativize(file).toString().replace('\\', '/');
                    var runs = thisModule && POWERSHELL_RUNNER.matcher(source).find()
                            && !relative.startsWith("dev/exacme/exchange/powershell/") && !driven.contains(relative);
                    var builds = !thisModule && POWERSHELL_SCRIPT.matcher(source).find();
                    if (runs || builds) {
                        unseen.add(module.getFileName() + "/src/main/java/" + relative);
                    }
                }
            }
        }
        assertEquals(List.of(), unseen, "sources that run PowerShell the grammar test does not drive: build scripts in"
                + " exchange-deploy, in a class with a public constructor taking the PowerShellRunner");
    }

    private static List<Path> modules() throws IOException {
        try (Stream<Path> siblings = Files.list(Path.of("..").toAbsolutePath().normalize())) {
            var modules = siblings.filter(path -> Files.isDirectory(path.resolve("src/main/java"))).sorted().toList();
            assertTrue(modules.size() >= 5, "the reactor's modules, from " + Path.of("").toAbsolutePath() + ": " + modules);
            return modules;
        }
    }

    /** The errors with the line of the script each is on. */
    private static String where(String text, List<PowerShellGrammar.Problem> errors) {
        var lines = text.lines().toList();
        var described = new ArrayList<String>();
        for (var error : errors) {
            var line = error.line() - 1 < lines.size() ? lines.get(error.line() - 1) : "";
            described.add(error + " in line " + error.line() + ": "
                    + (line.length() > 200 ? line.substring(0, 200) + "..." : line));
        }
        return String.join("; ", described);
    }
}
