package dev.exacme.store.windows;

import com.sun.jna.Callback;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.NativeMapped;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.ptr.ByReference;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Checks JNA function declarations against the prototypes of the Windows SDK headers of
 * mingw-w64, with the x64 cross compiler.
 *
 * <p>From a Java method, by reflection, it derives the shape x64 Windows must see: the number
 * of arguments and, for the result and each argument, its width and whether it is a pointer,
 * written with the C types {@code void}, {@code int8_t} … {@code int64_t}, {@code float},
 * {@code double} and {@code void *} (Java {@code int} → 32 bits, {@code long} → 64,
 * {@code boolean} → JNA's 32-bit {@code BOOL}, {@code char} → the 16-bit {@code WCHAR},
 * {@code NativeLong} → Windows' 32-bit {@code long}, jna-platform's integer types by the widths
 * they have on Windows, not on the JVM running the test; everything JNA passes by address →
 * {@code void *}). For each function the compiler gets, after the headers, in one file:
 *
 * <ul>
 *   <li>a cast of {@code &Function} to a function pointer of that shape under
 *   {@code -Werror -Wcast-function-type}. GCC calls such a cast incompatible when the
 *   argument counts differ or, for the result or any argument, one side is a pointer and the
 *   other not, or two integers differ in width; it ignores what pointers point to, the
 *   signedness of integers of 32 bits and more, and typedef names: {@code DWORD} declared as
 *   {@code int} and {@code PCCERT_CONTEXT} as {@code Pointer} pass, {@code ULONGLONG} as
 *   {@code int} does not. For 8- and 16-bit integers GCC also compares signedness, which Java
 *   cannot express and x64 Windows does not look at, so the cast is generated in each
 *   combination of their signedness and one passing is enough;</li>
 *   <li>a call with exactly the derived arguments (a wrong count is an error whatever the
 *   types) inside a static assertion on the result's width and pointer-ness: this also closes
 *   the cast's one hole, GCC's {@code void (*)(void)} matching every function type.</li>
 * </ul>
 *
 * <p>The function is looked up under its Java name with {@code UNICODE} defined, so
 * {@code GetNamedSecurityInfo} is checked as {@code GetNamedSecurityInfoW}, the function
 * jna-platform's {@code W32APIFunctionMapper} calls; a name the headers do not declare fails.
 *
 * <p>Not caught: what a pointer points to (a {@code DWORD *} declared as
 * {@code LongByReference}, the wrong structure), the signedness of anything, a structure passed
 * by value (refused here unless a test states, with {@link Prototype#passingByValue}, that an
 * integer of its size stands for it), a C function with a variable argument list, and the
 * calling convention (x64 has one; a 32-bit JVM is refused at startup).
 */
public final class JnaPrototypes {

    /** The headers declaring every function exacme binds, as a UNICODE build sees them. */
    public static final String HEADERS = """
            #define UNICODE
            #define _UNICODE
            #include <winsock2.h>
            #include <windows.h>
            #include <wincrypt.h>
            #include <ncrypt.h>
            #include <sddl.h>
            #include <aclapi.h>
            #include <http.h>
            #include <stdint.h>
            """;

    /** The widths on x64 Windows of jna-platform's integer types (some follow the JVM's {@code long} on Linux). */
    private static final Map<Class<?>, String> INTEGER_TYPES = Map.ofEntries(
            Map.entry(WinDef.BYTE.class, "int8_t"),
            Map.entry(WinDef.UCHAR.class, "int8_t"),
            Map.entry(WinDef.CHAR.class, "int8_t"),
            Map.entry(WinDef.WORD.class, "int16_t"),
            Map.entry(WinDef.USHORT.class, "int16_t"),
            Map.entry(WinDef.SHORT.class, "int16_t"),
            Map.entry(WinDef.DWORD.class, "int32_t"),
            Map.entry(WinDef.UINT.class, "int32_t"),
            Map.entry(WinDef.BOOL.class, "int32_t"),
            Map.entry(WinDef.LONG.class, "int32_t"),
            Map.entry(WinDef.ULONG.class, "int32_t"),
            Map.entry(WinDef.ULONGLONG.class, "int64_t"),
            Map.entry(WinDef.LONGLONG.class, "int64_t"),
            Map.entry(WinDef.DWORDLONG.class, "int64_t"),
            Map.entry(WinDef.INT_PTR.class, "int64_t"),
            Map.entry(WinDef.UINT_PTR.class, "int64_t"),
            Map.entry(BaseTSD.LONG_PTR.class, "int64_t"),
            Map.entry(BaseTSD.ULONG_PTR.class, "int64_t"),
            Map.entry(BaseTSD.SIZE_T.class, "int64_t"),
            Map.entry(BaseTSD.SSIZE_T.class, "int64_t"),
            Map.entry(BaseTSD.DWORD_PTR.class, "int64_t"));

    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^(.+?):(\\d+):\\d+: (?:fatal )?error: ");

    private JnaPrototypes() {
    }

    /**
     * One native function as x64 Windows sees a JNA declaration of it.
     *
     * @param label what the failure names: the declaring type, method and Java parameter types
     * @param function the C name, the Java method's name
     * @param result the C type of the result
     * @param parameters the C type of each argument
     * @param assertions further C conditions the compiler must find true
     */
    public record Prototype(String label, String function, String result, List<String> parameters,
            List<String> assertions) {

        /**
         * This prototype with argument {@code index}, declared in Java as an integer, checked as
         * the header's {@code structure} passed by value, which Microsoft's x64 calling
         * convention passes "as if it were an integer of the same size" when it has 1, 2, 4 or
         * 8 bytes: the compiler asserts that size.
         */
        public Prototype passingByValue(int index, String structure) {
            var integer = parameters.get(index);
            if (!integer.matches("int(8|16|32|64)_t")) {
                throw new IllegalArgumentException(label + ": argument " + index + " is " + integer + ", no integer");
            }
            var changed = new ArrayList<>(parameters);
            changed.set(index, structure);
            var more = new ArrayList<>(assertions);
            more.add("sizeof(" + structure + ") == " + size(integer));
            return new Prototype(label, function, result, List.copyOf(changed), List.copyOf(more));
        }
    }

    /**
     * What the compiler said about some prototypes, and which of them it refused. The
     * compiler's exit status is not the verdict: a right prototype with 8- or 16-bit integers
     * has casts of the other signedness that fail.
     */
    public record Result(String output, Set<String> refused) {

        /** Whether every prototype agrees with the headers. */
        public boolean passed() {
            return refused.isEmpty();
        }
    }

    /** The shape of {@code method} of a JNA library interface. */
    public static Prototype of(Method method) {
        var label = method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + Stream.of(method.getParameterTypes()).map(Class::getSimpleName)
                        .reduce((a, b) -> a + ", " + b).map(list -> "(" + list + ")").orElse("()");
        if (method.isVarArgs()) {
            throw new IllegalArgumentException(label + ": a variable argument list is not checked");
        }
        var parameters = new ArrayList<String>();
        for (var type : method.getParameterTypes()) {
            parameters.add(cType(label, type));
        }
        return new Prototype(label, method.getName(), cType(label, method.getReturnType()), List.copyOf(parameters),
                List.of());
    }

    /** The C type of the same width and pointer-ness as {@code type} as JNA passes it on x64 Windows. */
    static String cType(String label, Class<?> type) {
        if (type == void.class || type == Void.class) {
            return "void";
        }
        if (type == boolean.class || type == Boolean.class || type == int.class || type == Integer.class) {
            return "int32_t";
        }
        if (type == long.class || type == Long.class) {
            return "int64_t";
        }
        if (type == short.class || type == Short.class || type == char.class || type == Character.class) {
            return "int16_t";
        }
        if (type == byte.class || type == Byte.class) {
            return "int8_t";
        }
        if (type == float.class || type == Float.class) {
            return "float";
        }
        if (type == double.class || type == Double.class) {
            return "double";
        }
        if (NativeLong.class.isAssignableFrom(type)) {
            return "int32_t";
        }
        if (IntegerType.class.isAssignableFrom(type)) {
            // HCRYPTPROV_LEGACY extends ULONG_PTR: the nearest type of the table
            for (var c = type; c != IntegerType.class; c = c.getSuperclass()) {
                if (INTEGER_TYPES.containsKey(c)) {
                    return INTEGER_TYPES.get(c);
                }
            }
            throw new IllegalArgumentException(label + ": add the x64 Windows width of " + type.getName());
        }
        if (Structure.ByValue.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(label + ": " + type.getName()
                    + " is passed by value: check its layout instead");
        }
        if (type.isArray() || type == String.class || type == WString.class || Pointer.class.isAssignableFrom(type)
                || PointerType.class.isAssignableFrom(type) || Structure.class.isAssignableFrom(type)
                || ByReference.class.isAssignableFrom(type) || Buffer.class.isAssignableFrom(type)
                || Callback.class.isAssignableFrom(type)) {
            return "void *";
        }
        if (NativeMapped.class.isAssignableFrom(type)) {
            // converted by JNA to its native type (CertStoreProviderName: a Pointer)
            try {
                var nativeType = ((NativeMapped) type.getConstructor().newInstance()).nativeType();
                if (nativeType != type) {
                    return cType(label, nativeType);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(label + ": cannot ask " + type.getName() + " its native type", e);
            }
        }
        throw new IllegalArgumentException(label + ": no C shape for " + type.getName());
    }

    /**
     * The C source checking {@code prototypes}; {@code lines} receives, for each line of a
     * prototype's checks, its label and the signedness variant of its cast ({@code -1} for the
     * lines every variant shares).
     */
    public static String source(List<Prototype> prototypes, Map<Integer, Line> lines) {
        var source = new StringBuilder(HEADERS);
        var number = (int) HEADERS.lines().count() + 1;
        for (var i = 0; i < prototypes.size(); i++) {
            var prototype = prototypes.get(i);
            var arguments = new ArrayList<String>();
            var declared = new ArrayList<String>();
            for (var j = 0; j < prototype.parameters().size(); j++) {
                declared.add(prototype.parameters().get(j) + " a" + j);
                arguments.add("a" + j);
            }
            var call = prototype.function() + "(" + String.join(", ", arguments) + ")";
            var isVoid = "__builtin_types_compatible_p(__typeof__(" + call + "), void)";
            var shape = prototype.result().equals("void")
                    ? isVoid
                    : "!" + isVoid + " && sizeof(" + call + ") == " + size(prototype.result())
                            + " && (__builtin_classify_type(" + call + ") == __builtin_classify_type((void *) 0)) == "
                            + (prototype.result().endsWith("*") ? 1 : 0);
            var block = new ArrayList<String>();
            var variants = new ArrayList<Integer>();
            block.add("/* " + prototype.label() + " */");
            variants.add(-1);
            block.add("void exacme_check_" + i + "(" + (declared.isEmpty() ? "void" : String.join(", ", declared))
                    + ") {");
            variants.add(-1);
            var signedness = signednessVariants(prototype);
            for (var v = 0; v < signedness.size(); v++) {
                var types = signedness.get(v);
                block.add("  (void) (" + types.get(0) + " (WINAPI *)("
                        + (types.size() == 1 ? "void" : String.join(", ", types.subList(1, types.size()))) + ")) &"
                        + prototype.function() + "; /* " + prototype.label() + " */");
                variants.add(v);
            }
            block.add("  _Static_assert(" + shape + ", \"" + prototype.label() + ": the result is not "
                    + prototype.result() + "\");");
            variants.add(-1);
            for (var assertion : prototype.assertions()) {
                block.add("  _Static_assert(" + assertion + ", \"" + prototype.label() + ": not " + assertion + "\");");
                variants.add(-1);
            }
            block.add("}");
            variants.add(-1);
            for (var k = 0; k < block.size(); k++) {
                source.append(block.get(k)).append('\n');
                lines.put(number++, new Line(prototype.label(), variants.get(k), signedness.size()));
            }
        }
        return source.toString();
    }

    /** A line of the generated checks: whose, and which cast variant (or -1) of how many. */
    public record Line(String label, int variant, int variants) {
    }

    /**
     * The result and argument types of {@code prototype} in every combination of signedness of
     * its 8- and 16-bit integers: GCC's cast check compares their signedness (Java has no
     * unsigned types, and x64 Windows does not care), so one combination passing is enough.
     */
    private static List<List<String>> signednessVariants(Prototype prototype) {
        var types = new ArrayList<String>();
        types.add(prototype.result());
        types.addAll(prototype.parameters());
        var variants = new ArrayList<List<String>>();
        variants.add(types);
        for (var k = 0; k < types.size(); k++) {
            if (types.get(k).equals("int8_t") || types.get(k).equals("int16_t")) {
                var position = k;
                var flipped = variants.stream().map(variant -> {
                    var copy = new ArrayList<>(variant);
                    copy.set(position, "u" + copy.get(position));
                    return (List<String>) copy;
                }).toList();
                variants.addAll(flipped);
            }
        }
        return variants;
    }

    private static int size(String cType) {
        return switch (cType) {
            case "int8_t", "uint8_t" -> 1;
            case "int16_t" -> 2;
            case "int32_t", "float" -> 4;
            case "int64_t", "double", "void *" -> 8;
            default -> throw new IllegalArgumentException(cType);
        };
    }

    /**
     * Compiles the checks of {@code prototypes} with {@code -Werror}; {@link Result#refused()}
     * names every prototype the compiler reported an error in (for the casts: in every
     * signedness variant).
     */
    public static Result check(Path directory, String name, List<Prototype> prototypes)
            throws IOException, InterruptedException {
        var lines = new HashMap<Integer, Line>();
        var file = Files.writeString(directory.resolve(name + ".c"), source(prototypes, lines));
        var result = MingwCompiler.run("-fsyntax-only", "-std=gnu11", "-Werror", "-Wcast-function-type",
                "-fmax-errors=0", file.toString());
        var refused = new TreeSet<String>();
        var failedVariants = new HashMap<String, Set<Integer>>();
        var errors = 0;
        var matcher = ERROR_LINE.matcher(result.output());
        while (matcher.find()) {
            errors++;
            var line = matcher.group(1).equals(file.toString()) ? lines.get(Integer.parseInt(matcher.group(2))) : null;
            if (line == null) {
                refused.add("(the headers)");
            } else if (line.variant() < 0) {
                refused.add(line.label());
            } else {
                var failed = failedVariants.computeIfAbsent(line.label(), label -> new TreeSet<>());
                failed.add(line.variant());
                if (failed.size() == line.variants()) {
                    refused.add(line.label());
                }
            }
        }
        if (result.exit() != 0 && errors == 0) {
            refused.add("(the compiler: " + result.output().strip() + ")");
        }
        return new Result(result.output(), refused);
    }

    /** The functions of a JNA library interface: its abstract methods, inherited ones included. */
    public static List<Method> functions(Class<?> library) {
        return Stream.of(library.getMethods())
                .filter(method -> Modifier.isAbstract(method.getModifiers()) && !method.isSynthetic())
                .filter(method -> Library.class.isAssignableFrom(method.getDeclaringClass()))
                .sorted(Comparator.comparing(Method::toGenericString)).toList();
    }

    /**
     * The main class directories and jars of exacme's modules on this test's class path (not
     * their test classes): reactor builds put {@code target/classes} there, others the jars.
     */
    public static List<Path> mainClassRoots() throws IOException {
        var roots = new ArrayList<Path>();
        for (var entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            var path = Path.of(entry);
            var name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (Files.isDirectory(path) ? name.equals("classes") && Files.isDirectory(path.resolve("dev/exacme"))
                    : name.endsWith(".jar") && !name.endsWith("-tests.jar") && Files.isRegularFile(path)
                            && containsExacme(path)) {
                roots.add(path);
            }
        }
        return roots;
    }

    private static boolean containsExacme(Path jar) throws IOException {
        try (var zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(entry -> entry.getName().startsWith("dev/exacme/"));
        }
    }

    /** The classes compiled into {@code root} (a class directory or a jar), by binary name. */
    public static List<String> classNames(Path root) throws IOException {
        var names = new ArrayList<String>();
        if (Files.isDirectory(root)) {
            try (var files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".class")).forEach(file -> {
                    var relative = root.relativize(file).toString().replace('\\', '/');
                    names.add(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'));
                });
            }
        } else {
            try (var jar = new ZipFile(root.toFile())) {
                jar.stream().map(entry -> entry.getName())
                        .filter(entry -> entry.endsWith(".class") && !entry.startsWith("META-INF/"))
                        .forEach(entry -> names.add(entry.substring(0, entry.length() - 6).replace('/', '.')));
            }
        }
        names.removeIf(name -> name.endsWith("module-info") || name.endsWith("package-info"));
        names.sort(null);
        return names;
    }

    /**
     * What the classes in {@code root} bind and call: every function of every JNA library
     * interface declared there, and every function of a library interface of JNA's packages
     * (jna-platform's {@code Advapi32}, {@code Kernel32}, {@code Crypt32} …) their bytecode
     * calls. Classes are loaded without being initialized, so no library is loaded.
     */
    public static Set<Method> boundFunctions(Path root) throws IOException {
        var loader = JnaPrototypes.class.getClassLoader();
        var found = new LinkedHashSet<Method>();
        var names = classNames(root);
        for (var name : names) {
            var type = load(name, loader);
            if (type.isInterface() && Library.class.isAssignableFrom(type)) {
                found.addAll(functions(type));
            }
            for (var reference : methodReferences(root, name)) {
                // a binding is declared here or in JNA's own packages (jna-platform); nothing else is loaded
                if (!names.contains(reference.owner()) && !reference.owner().startsWith("com.sun.jna.")) {
                    continue;
                }
                var owner = load(reference.owner(), loader);
                if (!owner.isInterface() || !Library.class.isAssignableFrom(owner)) {
                    continue;
                }
                functions(owner).stream()
                        .filter(method -> method.getName().equals(reference.name())
                                && descriptor(method).equals(reference.descriptor()))
                        .forEach(found::add);
            }
        }
        return found;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the test class path", e);
        }
    }

    /** A method a class file refers to in its constant pool. */
    record MethodReference(String owner, String name, String descriptor) {
    }

    private static List<MethodReference> methodReferences(Path root, String className) throws IOException {
        var entry = className.replace('.', '/') + ".class";
        if (Files.isDirectory(root)) {
            try (var in = Files.newInputStream(root.resolve(entry))) {
                return methodReferences(in);
            }
        }
        try (var jar = new ZipFile(root.toFile()); var in = jar.getInputStream(jar.getEntry(entry))) {
            return methodReferences(in);
        }
    }

    /** The method and interface method references of a class file's constant pool (JVMS §4.4). */
    static List<MethodReference> methodReferences(InputStream classFile) throws IOException {
        var in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        var count = in.readUnsignedShort();
        var utf8 = new String[count];
        var classes = new int[count];
        var references = new ArrayList<int[]>();
        var nameAndTypes = new int[count][];
        for (var i = 1; i < count; i++) {
            var tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classes[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 17, 18 -> in.readInt();
                case 10, 11 -> references.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
                case 12 -> nameAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        var found = new ArrayList<MethodReference>();
        for (var reference : references) {
            var owner = utf8[classes[reference[0]]];
            var nameAndType = nameAndTypes[reference[1]];
            if (owner.startsWith("[")) {
                continue;
            }
            found.add(new MethodReference(owner.replace('/', '.'), utf8[nameAndType[0]], utf8[nameAndType[1]]));
        }
        return found;
    }

    /** The JVM descriptor of {@code method} (JVMS §4.3.3). */
    static String descriptor(Method method) {
        var descriptor = new StringBuilder("(");
        for (var type : method.getParameterTypes()) {
            descriptor.append(descriptor(type));
        }
        return descriptor.append(')').append(descriptor(method.getReturnType())).toString();
    }

    private static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return type.getName().replace('.', '/');
        }
        if (!type.isPrimitive()) {
            return "L" + type.getName().replace('.', '/') + ";";
        }
        return switch (type.getName()) {
            case "void" -> "V";
            case "boolean" -> "Z";
            case "byte" -> "B";
            case "char" -> "C";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            case "float" -> "F";
            case "double" -> "D";
            default -> throw new IllegalArgumentException(type.getName());
        };
    }
}
