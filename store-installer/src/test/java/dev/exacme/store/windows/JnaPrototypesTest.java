package dev.exacme.store.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.platform.win32.WinCrypt.HCRYPTPROV_LEGACY;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinDef.LONG;
import com.sun.jna.platform.win32.WinDef.WORD;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HRESULT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prototype check itself: declarations that are right (also where only signedness or a
 * typedef name differs from the header) compile, and each deliberately wrong one fails to,
 * alone, so that the checks of the real bindings cannot pass vacuously.
 */
class JnaPrototypesTest {

    /** Right: the headers' widths and pointers, with Java's signed types and JNA's names. */
    interface Right extends StdCallLibrary {
        /** {@code BOOL CertFreeCertificateContext(PCCERT_CONTEXT)}. */
        boolean CertFreeCertificateContext(Pointer context);

        /** {@code ULONG HttpCloseServerSession(HTTP_SERVER_SESSION_ID)}, a ULONGLONG. */
        int HttpCloseServerSession(long serverSessionId);

        /** {@code SECURITY_STATUS NCryptFreeObject(NCRYPT_HANDLE)}, a ULONG_PTR. */
        DWORD NCryptFreeObject(ULONG_PTR object);

        /** {@code SECURITY_STATUS NCryptOpenKey(NCRYPT_PROV_HANDLE, NCRYPT_KEY_HANDLE*, LPCWSTR, DWORD, DWORD)}. */
        LONG NCryptOpenKey(HCRYPTPROV_LEGACY provider, ULONG_PTRByReference key, String name, int spec, int flags);

        /** {@code HANDLE GetCurrentProcess(void)}. */
        HANDLE GetCurrentProcess();

        /** {@code void SetLastError(DWORD)}. */
        void SetLastError(int code);

        /** {@code BOOL ReportEventW(HANDLE, WORD, WORD, DWORD, PSID, WORD, DWORD, LPCWSTR*, LPVOID)}. */
        boolean ReportEvent(HANDLE log, WORD type, short category, int id, Pointer sid, char strings, int size,
                String[] texts, Pointer data);

        /** {@code HRESULT CoInitializeEx(LPVOID, DWORD)}: HRESULT is a Windows long, 32 bits. */
        HRESULT CoInitializeEx(Pointer reserved, int flags);
    }

    /** One argument too many or too few. */
    interface WrongCount extends StdCallLibrary {
        boolean CertFreeCertificateContext(Pointer context, int extra);

        int NCryptOpenKey(ULONG_PTR provider, ULONG_PTRByReference key, String name, int flags);

        /** {@code void (*)(void)} matches every function type in GCC's cast check: the call catches it. */
        void SetLastError();
    }

    /** An integer of the wrong width, in an argument or in the result. */
    interface WrongWidth extends StdCallLibrary {
        int HttpCloseServerSession(int serverSessionId);

        long CertFreeCertificateContext(Pointer context);

        boolean ReportEvent(HANDLE log, int type, short category, int id, Pointer sid, short strings, int size,
                String[] texts, Pointer data);

        int CryptReleaseContext(ULONG_PTR provider, long flags);
    }

    /** An integer where the header has a pointer, a pointer where it has an integer, a result that is none. */
    interface WrongKind extends StdCallLibrary {
        boolean CertFreeCertificateContext(long context);

        int NCryptFreeObject(Pointer object);

        void GetCurrentProcess();

        Pointer GetLastError();
    }

    /** {@code ULONG HttpInitialize(HTTPAPI_VERSION, ULONG, PVOID)}: a 4-byte structure by value. */
    interface Version extends StdCallLibrary {
        int HttpInitialize(int version, int flags, Pointer reserved);
    }

    /** The same with an integer of another size than the structure's. */
    interface WrongVersion extends StdCallLibrary {
        int HttpInitialize(long version, int flags, Pointer reserved);
    }

    /** A function the headers do not declare. */
    interface Unknown extends StdCallLibrary {
        int ExacmeNoSuchFunction(int argument);
    }

    /** Declarations the check refuses to judge rather than pass. */
    interface Unjudged extends StdCallLibrary {
        /** A structure by value. */
        int ByValue(Value value);

        /** A C variable argument list. */
        int Printf(String format, Object... arguments);

        /** A type with no C shape. */
        int Object(Object value);
    }

    /** A structure passed by value. */
    @Structure.FieldOrder("value")
    public static class Value extends Structure implements Structure.ByValue {
        public int value;
    }

    @TempDir
    Path temp;

    private static List<Method> methods(Class<?> library) {
        return JnaPrototypes.functions(library);
    }

    @Test
    void rightDeclarationsCompile() throws Exception {
        MingwCompiler.require();
        var prototypes = methods(Right.class).stream().map(JnaPrototypes::of).toList();
        assertEquals(8, prototypes.size());

        var result = JnaPrototypes.check(temp, "right", prototypes);

        assertEquals(Set.of(), result.refused(), result.output());
        assertTrue(result.passed());
    }

    @Test
    void eachWrongDeclarationFailsToCompile() throws Exception {
        MingwCompiler.require();
        var wrong = Stream.of(WrongCount.class, WrongWidth.class, WrongKind.class, Unknown.class)
                .flatMap(library -> methods(library).stream()).map(JnaPrototypes::of).toList();
        assertEquals(12, wrong.size());

        // one file; each error is told apart by the lines of its function's checks
        var result = JnaPrototypes.check(temp, "wrong", wrong);

        assertEquals(wrong.stream().map(JnaPrototypes.Prototype::label).collect(Collectors.toSet()), result.refused(),
                result.output());
        assertFalse(result.passed());
    }

    @Test
    void oneWrongDeclarationAmongRightOnesIsNamed() throws Exception {
        MingwCompiler.require();
        var prototypes = new java.util.ArrayList<>(methods(Right.class).stream().map(JnaPrototypes::of).toList());
        var wrong = JnaPrototypes.of(WrongWidth.class.getMethod("HttpCloseServerSession", int.class));
        prototypes.add(3, wrong);

        var result = JnaPrototypes.check(temp, "mixed", prototypes);

        assertEquals(Set.of("WrongWidth.HttpCloseServerSession(int)"), result.refused(), result.output());
    }

    @Test
    void anIntegerStandsForASmallStructureByValueOnlyWhenStatedAndOfItsSize() throws Exception {
        MingwCompiler.require();
        var version = JnaPrototypes.of(methods(Version.class).get(0));
        var wrong = JnaPrototypes.of(methods(WrongVersion.class).get(0));

        assertEquals(Set.of(version.label()), JnaPrototypes.check(temp, "unstated", List.of(version)).refused());
        assertTrue(JnaPrototypes.check(temp, "stated", List.of(version.passingByValue(0, "HTTPAPI_VERSION")))
                .passed());
        assertEquals(Set.of(wrong.label()), JnaPrototypes.check(temp, "size",
                List.of(wrong.passingByValue(0, "HTTPAPI_VERSION"))).refused());
        assertThrows(IllegalArgumentException.class, () -> version.passingByValue(2, "HTTPAPI_VERSION"));
    }

    @Test
    void whatTheCheckCannotJudgeIsRefused() {
        for (var method : methods(Unjudged.class)) {
            assertThrows(IllegalArgumentException.class, () -> JnaPrototypes.of(method), method.getName());
        }
    }

    @Test
    void theShapesAreThoseOfX64Windows() {
        // NativeLong and WinDef.LONG follow the JVM's long (64 bits on Linux); Windows' long is 32 bits
        var prototype = JnaPrototypes.of(methods(Right.class).stream()
                .filter(method -> method.getName().equals("CoInitializeEx")).findFirst().orElseThrow());
        assertEquals("int32_t", prototype.result());
        assertEquals("int32_t", JnaPrototypes.cType("LONG", LONG.class));
        assertEquals("int64_t", JnaPrototypes.cType("HCRYPTPROV_LEGACY", HCRYPTPROV_LEGACY.class));
        assertEquals("int16_t", JnaPrototypes.cType("char", char.class));
        assertEquals("int32_t", JnaPrototypes.cType("boolean", boolean.class));
        assertEquals("void *", JnaPrototypes.cType("IntByReference", IntByReference.class));
        assertEquals("void *", JnaPrototypes.cType("String[]", String[].class));
    }

    @Test
    void aWrongConstantFailsTheConstantChecksToo() throws Exception {
        MingwCompiler.require();
        var headers = "#include <windows.h>\n";

        assertEquals(0, MingwCompiler.assertValues(temp, headers, Map.of("ERROR_ACCESS_DENIED", 5)).exit());
        var wrong = MingwCompiler.assertValues(temp, headers, Map.of("ERROR_ACCESS_DENIED", 6));

        assertNotEquals(0, wrong.exit());
        assertTrue(wrong.output().contains("ERROR_ACCESS_DENIED is not 0x6"), wrong.output());
    }
}
