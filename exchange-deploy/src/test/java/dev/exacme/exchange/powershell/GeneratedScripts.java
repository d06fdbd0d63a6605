package dev.exacme.exchange.powershell;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every script exacme gives PowerShell, as the runner gives it, found without a list: each
 * class of this module with a public constructor taking a {@link PowerShellRunner} (today the
 * Exchange shell with each {@link ExchangeSession}, the IIS shell, netsh for rescue; doctor and
 * rescue run their scripts through these) is built with a {@link RunnerCapture} runner, and
 * each of its public methods is called with {@link HostileValues}: every hostile string, and
 * every value of its enums, booleans, optionals and sessions, at least once. A value a method
 * refuses ({@link IllegalArgumentException}) is counted, not an error; a method that runs no
 * script for any value is.
 */
public final class GeneratedScripts {

    /** Where the capture files go. */
    static final Path WORK = Path.of("target/powershell-grammar").toAbsolutePath();
    /** Methods that run no script: the object's own, and the name of the way the Exchange shell was loaded. */
    private static final Set<String> NOT_SCRIPTS = Set.of("equals", "hashCode", "toString", "exchangeShell");

    /**
     * One distinct script.
     *
     * @param origin the first call that produced it ({@code Class(constructor values).method #call})
     * @param mode   how the runner passed it
     * @param text   the wrapped script, decoded as PowerShell decodes it
     * @param hostile whether a call with a hostile string produced it
     */
    public record Script(String origin, RunnerCapture.Mode mode, String text, boolean hostile) {
    }

    /**
     * What one method ran.
     *
     * @param method  {@code Class.method}
     * @param calls   how often it was called
     * @param refused how many calls it refused (a value it validates)
     * @param scripts how many scripts the runner was given
     * @param hostile how many of those came from calls with a hostile string
     */
    public record Coverage(String method, int calls, int refused, int scripts, int hostile) {
        @Override
        public String toString() {
            return method + ": " + calls + " calls, " + refused + " refused, " + scripts + " scripts (" + hostile
                    + " with hostile strings)";
        }
    }

    /** The distinct scripts, what each method ran, and calls that failed in a way they should not. */
    public record Collected(List<Script> scripts, List<Coverage> coverage, List<String> problems) {
    }

    private static Collected collected;

    private GeneratedScripts() {
    }

    /** Collected once per test run. */
    public static synchronized Collected collect() throws Exception {
        if (collected == null) {
            collected = run();
        }
        return collected;
    }

    /** The classes whose public constructor takes a runner: those that give PowerShell scripts. */
    public static List<Class<?>> scriptRunners() throws IOException, URISyntaxException, ClassNotFoundException {
        var root = Path.of(PowerShellRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("expected the module's classes in a directory, not " + root);
        }
        var runners = new ArrayList<Class<?>>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(file -> file.toString().endsWith(".class")).sorted().toList();
        }
        for (var file : files) {
            var name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
            var type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                    PowerShellRunner.class.getClassLoader());
            if (!Modifier.isAbstract(type.getModifiers()) && !type.isInterface()
                    && !runnerConstructors(type).isEmpty()) {
                runners.add(type);
            }
        }
        return runners;
    }

    private static List<Constructor<?>> runnerConstructors(Class<?> type) {
        return Arrays.stream(type.getConstructors())
                .filter(constructor -> Arrays.asList(constructor.getParameterTypes()).contains(PowerShellRunner.class))
                .toList();
    }

    private static Collected run() throws Exception {
        var capture = new RunnerCapture(WORK);
        var scripts = new LinkedHashMap<String, Script>();
        var coverage = new ArrayList<Coverage>();
        var problems = new ArrayList<String>();
        for (var type : scriptRunners()) {
            for (var constructor : runnerConstructors(type)) {
                for (var method : type.getDeclaredMethods()) {
                    if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())
                            || method.isSynthetic() || method.isBridge() || NOT_SCRIPTS.contains(method.getName())) {
                        continue;
                    }
                    coverage.add(drive(capture, constructor, method, scripts, problems));
                }
            }
        }
        return new Collected(List.copyOf(scripts.values()), List.copyOf(coverage), List.copyOf(problems));
    }

    private static Coverage drive(RunnerCapture capture, Constructor<?> constructor, Method method,
                                  Map<String, Script> scripts, List<String> problems) throws Exception {
        var name = constructor.getDeclaringClass().getSimpleName() + "." + method.getName();
        var constructorTypes = constructor.getGenericParameterTypes();
        var methodTypes = method.getGenericParameterTypes();
        var constructorChoices = HostileValues.choices(constructorTypes);
        var total = Math.multiplyExact(constructorChoices, HostileValues.choices(methodTypes));
        var strings = HostileValues.STRINGS;
        var calls = 0;
        var refused = 0;
        var produced = 0;
        var hostile = 0;
        var anyText = false;
        // Every hostile string and every combination of the other values at least once, paired
        // up rather than multiplied: strings cannot reach code in one combination and not another.
        for (var i = 0; i < Math.max(strings.size(), total); i++) {
            if (i == total && !anyText) {
                break;
            }
            var text = strings.get(i % strings.size());
            var combination = i % total;
            var values = new HostileValues(text, capture.runner());
            var origin = name + " #" + i;
            calls++;
            Throwable failure = null;
            try {
                var constructorArguments = values.arguments(constructorTypes, combination % constructorChoices);
                origin = constructor.getDeclaringClass().getSimpleName() + describe(constructorArguments) + "."
                        + method.getName() + " #" + i;
                var methodArguments = values.arguments(methodTypes, combination / constructorChoices);
                var instance = constructor.newInstance(constructorArguments);
                method.invoke(instance, methodArguments);
            } catch (InvocationTargetException e) {
                failure = e.getCause();
            } catch (IllegalArgumentException e) {
                failure = e;
            }
            anyText |= values.usedText();
            var passed = capture.take();
            if (passed.isEmpty()) {
                if (failure instanceof IllegalArgumentException) {
                    refused++;
                } else {
                    problems.add(origin + " ran no script" + (failure == null ? "" : " and threw " + failure));
                }
                continue;
            }
            // Once the runner was given the script, what the method makes of the stand-in's empty
            // answer (a PowerShellFailure, an empty list) does not matter here.
            var withHostile = values.usedText() && HostileValues.HOSTILE.contains(text);
            for (var script : passed) {
                produced++;
                hostile += withHostile ? 1 : 0;
                var known = scripts.get(script.text());
                if (known == null || withHostile && !known.hostile()) {
                    scripts.put(script.text(), new Script(origin, script.mode(), script.text(), withHostile));
                }
            }
        }
        if (produced == 0) {
            problems.add(name + " gave PowerShell no script for any value: teach HostileValues a value it accepts");
        }
        return new Coverage(name, calls, refused, produced, hostile);
    }

    private static String describe(Object[] arguments) {
        var parts = new ArrayList<String>();
        for (var argument : arguments) {
            if (!(argument instanceof PowerShellRunner)) {
                parts.add(argument.getClass().getSimpleName());
            }
        }
        return "(" + String.join(", ", parts) + ")";
    }
}
