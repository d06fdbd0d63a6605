package dev.exacme.exchange.powershell;

import dev.exacme.store.Thumbprint;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Arguments for any method that builds PowerShell, made from its parameter types: every
 * string (a server, site, host or friendly name, a path, a connector identity, a DN) is one of
 * {@link #STRINGS}, values that would end a literal or run code if a quote were not doubled;
 * enums, booleans and optionals take each of their values in turn; records and sealed
 * interfaces are built from their components. A type it does not know fails the test, so that
 * a new parameter type is taught here rather than skipped.
 */
public final class HostileValues {

    /** A command name no script calls: seen as a command, a value escaped its literal. */
    public static final String INJECTED = "Invoke-ExacmeInjected";

    /** Values that break out of a literal in every way PowerShell offers, then call {@link #INJECTED}. */
    public static final List<String> HOSTILE = List.of(
            "EX01'; " + INJECTED + "; '",
            // U+2019 and U+2018: PowerShell's single quotes too (so are U+201A and U+201B).
            "EX01\u2019; " + INJECTED + "; \u2018",
            "O\u201As \u201B; " + INJECTED + " #",
            "EX01\"; " + INJECTED + "; \"",
            // U+201C, U+201D, U+201E: PowerShell's double quotes.
            "EX01\u201C; " + INJECTED + "; \u201D\u201E",
            "$(" + INJECTED + ") ${env:ComputerName} @(" + INJECTED + ") `$x `n `",
            "EX01\n" + INJECTED + "\r\n" + INJECTED + "\n#",
            "x'\n@'\n" + INJECTED + "\n'@\n@\"\n" + INJECTED + "\n\"@",
            "<# " + INJECTED + " #> # ; | & && || { } ( ) [ ] , -- --% " + INJECTED,
            "C:\\Program Files\\O'Brien\u2019s\\`;$(" + INJECTED + ")\\",
            "'", "\u2019", "''", "\u2018\u2019\u201A\u201B", "`", "",
            "\u00FC \u65E5\u672C \uD83D\uDE00 \u00A0\u2028\u2013Force",
            // Refused by PowerShellLiteral: a NUL cannot be passed to PowerShell.
            "EX01\u0000" + INJECTED,
            // Long enough that the runner writes a .ps1 (-File) instead of -EncodedCommand.
            ("EX01'; " + INJECTED + "; '\u2019; " + INJECTED + "; \u2018").repeat(400));

    /** Ordinary values, for parameters that refuse every hostile one (an {@code ip:port}). */
    public static final List<String> PLAIN = List.of("EX01", "0.0.0.0:444");

    /** Every string a method is called with. */
    public static final List<String> STRINGS = concat(HOSTILE, PLAIN);

    /** A URI PowerShell scripts may quote: as hostile as {@link URI} allows. */
    static final URI HOSTILE_URI = URI.create(
            "http://ex01.contoso.local/PowerShell/'\u2019\u2018;$(" + INJECTED + ")&x=%27");
    static final URI PLAIN_URI = URI.create("http://ex01.contoso.local/PowerShell/");
    static final Thumbprint THUMBPRINT = Thumbprint.parse("5A7B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B");

    private final String text;
    private final PowerShellRunner runner;
    private boolean usedText;

    /** Values made with {@code text} for every string, and {@code runner} for a runner. */
    HostileValues(String text, PowerShellRunner runner) {
        this.text = text;
        this.runner = runner;
    }

    /** Whether a string was made since construction: if not, other strings would make the same call. */
    boolean usedText() {
        return usedText;
    }

    /** How many different values {@link #make} gives for {@code type} (strings aside). */
    static int choices(Type type) {
        var raw = raw(type);
        if (type instanceof ParameterizedType parameterized) {
            var argument = parameterized.getActualTypeArguments()[0];
            if (raw == Optional.class) {
                return 1 + choices(argument);
            }
            if (Set.class.isAssignableFrom(raw) && raw(argument).isEnum()) {
                return 2;
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return choices(argument);
            }
        }
        if (raw == boolean.class || raw == Boolean.class || raw == URI.class) {
            return 2;
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants().length;
        }
        if (raw.isRecord()) {
            var product = 1;
            for (var component : raw.getRecordComponents()) {
                product = Math.multiplyExact(product, choices(component.getGenericType()));
            }
            return product;
        }
        if (raw.isSealed()) {
            var sum = 0;
            for (var permitted : raw.getPermittedSubclasses()) {
                sum += choices(permitted);
            }
            return sum;
        }
        return 1;
    }

    /** The arguments for {@code types}, choice {@code choice} of their {@link #choices} product. */
    Object[] arguments(Type[] types, int choice) throws ReflectiveOperationException {
        var arguments = new Object[types.length];
        var rest = choice;
        for (var i = 0; i < types.length; i++) {
            var count = choices(types[i]);
            arguments[i] = make(types[i], rest % count);
            rest /= count;
        }
        return arguments;
    }

    /** The product of {@link #choices} over {@code types}. */
    static int choices(Type[] types) {
        var product = 1;
        for (var type : types) {
            product = Math.multiplyExact(product, choices(type));
        }
        return product;
    }

    Object make(Type type, int choice) throws ReflectiveOperationException {
        var raw = raw(type);
        if (type instanceof ParameterizedType parameterized) {
            var argument = parameterized.getActualTypeArguments()[0];
            if (raw == Optional.class) {
                return choice == 0 ? Optional.empty() : Optional.of(make(argument, choice - 1));
            }
            if (Set.class.isAssignableFrom(raw) && raw(argument).isEnum()) {
                return enumSet(raw(argument), choice);
            }
            if (Set.class.isAssignableFrom(raw)) {
                return Set.of(make(argument, choice));
            }
            if (Collection.class.isAssignableFrom(raw)) {
                var plain = new HostileValues(PLAIN.get(0), runner).make(argument, choice);
                return List.of(make(argument, choice), plain);
            }
        }
        if (raw == String.class) {
            usedText = true;
            return text;
        }
        if (raw == Path.class) {
            usedText = true;
            return Path.of(text);
        }
        if (raw == File.class) {
            usedText = true;
            return new File(text);
        }
        if (raw == Thumbprint.class) {
            return THUMBPRINT;
        }
        if (raw == int.class || raw == Integer.class) {
            return 443;
        }
        if (raw == long.class || raw == Long.class) {
            return 443L;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return choice == 1;
        }
        if (raw == URI.class) {
            return choice == 0 ? PLAIN_URI : HOSTILE_URI;
        }
        if (raw == Duration.class) {
            return Duration.ofSeconds(30);
        }
        if (raw == PowerShellRunner.class) {
            return runner;
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[choice];
        }
        if (raw.isRecord()) {
            var components = raw.getRecordComponents();
            var types = new Type[components.length];
            var classes = new Class<?>[components.length];
            for (var i = 0; i < components.length; i++) {
                types[i] = components[i].getGenericType();
                classes[i] = components[i].getType();
            }
            return construct(raw.getDeclaredConstructor(classes), arguments(types, choice));
        }
        if (raw.isSealed()) {
            var rest = choice;
            for (var permitted : raw.getPermittedSubclasses()) {
                var count = choices(permitted);
                if (rest < count) {
                    return make(permitted, rest);
                }
                rest -= count;
            }
        }
        throw new AssertionError("HostileValues cannot make a " + type.getTypeName()
                + ": teach it, so that the scripts taking one are parsed too");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumSet(Class<?> type, int choice) {
        var all = EnumSet.allOf((Class) type);
        return choice == 0 ? all : EnumSet.of((Enum) all.iterator().next());
    }

    private static Object construct(Constructor<?> constructor, Object[] arguments)
            throws ReflectiveOperationException {
        constructor.setAccessible(true);
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw e;
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new AssertionError("HostileValues cannot make a " + type.getTypeName());
    }

    private static List<String> concat(List<String> one, List<String> other) {
        var all = new ArrayList<>(one);
        all.addAll(other);
        return List.copyOf(all);
    }
}
