package dev.exacme.lifecycle.notify;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a Cyrus SASL {@code sasldb2} file with one user, for a private Postfix to check
 * {@code AUTH} against, the way {@code saslpasswd2 -f FILE -u REALM -c USER} does: through
 * libsasl2's own {@code sasl_setpass}, called with JNA, with the database path given by the
 * {@code sasldb_path} option callback. Needs Debian's {@code libsasl2-2},
 * {@code libsasl2-modules} (PLAIN, LOGIN) and {@code libsasl2-modules-db} (sasldb).
 */
final class SaslDatabase {

    private static final Path LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/libsasl2.so.2");
    private static final Path PLUGINS = Path.of("/usr/lib/x86_64-linux-gnu/sasl2");
    private static final long SASL_CB_GETOPT = 1;
    private static final int SASL_OK = 0;
    private static final int SASL_FAIL = -1;
    private static final int SASL_SET_CREATE = 0x01;

    /** libsasl2's C API, the calls saslpasswd2 makes. */
    public interface Sasl extends Library {
        int sasl_server_init(Pointer callbacks, String appname);

        int sasl_server_new(String service, String serverFqdn, String userRealm, String ipLocalPort,
                String ipRemotePort, Pointer callbacks, int flags, PointerByReference connection);

        int sasl_setpass(Pointer connection, String user, String pass, int passLength, String oldPass,
                int oldPassLength, int flags);

        String sasl_errdetail(Pointer connection);

        void sasl_dispose(PointerByReference connection);

        void sasl_done();
    }

    /** {@code int getopt(void *context, const char *plugin, const char *option, const char **result, unsigned *len)}. */
    public interface GetOpt extends Callback {
        int invoke(Pointer context, String plugin, String option, PointerByReference result, IntByReference length);
    }

    private SaslDatabase() {
    }

    /** Creates {@code file} holding {@code user} in {@code realm} with {@code password}. */
    static synchronized void create(Path file, String realm, String user, String password) {
        Programs.requireLibrary(LIBRARY, "libsasl2-2");
        Programs.requireLibrary(PLUGINS.resolve("libsasldb.so.2"), "libsasl2-modules-db");
        Programs.requireLibrary(PLUGINS.resolve("libplain.so.2"), "libsasl2-modules");
        var sasl = Native.load(LIBRARY.toString(), Sasl.class);
        var pathBytes = file.toString().getBytes(StandardCharsets.UTF_8);
        var path = new Memory(pathBytes.length + 1);
        path.write(0, pathBytes, 0, pathBytes.length);
        path.setByte(pathBytes.length, (byte) 0);
        GetOpt getopt = (context, plugin, option, result, length) -> {
            if (!"sasldb_path".equals(option)) {
                return SASL_FAIL;
            }
            result.setValue(path);
            if (length != null && length.getPointer() != null) {
                length.setValue(pathBytes.length);
            }
            return SASL_OK;
        };
        // sasl_callback_t {unsigned long id; int (*proc)(void); void *context;}, then SASL_CB_LIST_END.
        var callbacks = new Memory(2L * 3 * Native.POINTER_SIZE);
        callbacks.clear();
        callbacks.setNativeLong(0, new com.sun.jna.NativeLong(SASL_CB_GETOPT));
        callbacks.setPointer(Native.POINTER_SIZE, CallbackReference.getFunctionPointer(getopt));
        check(sasl.sasl_server_init(callbacks, "exacme-test"), "sasl_server_init", null, sasl);
        var connection = new PointerByReference();
        try {
            check(sasl.sasl_server_new("smtp", "localhost", realm, null, null, null, 0, connection),
                    "sasl_server_new", null, sasl);
            var passwordBytes = password.getBytes(StandardCharsets.UTF_8).length;
            check(sasl.sasl_setpass(connection.getValue(), user, password, passwordBytes, null, 0, SASL_SET_CREATE),
                    "sasl_setpass", connection.getValue(), sasl);
        } finally {
            if (connection.getValue() != null) {
                sasl.sasl_dispose(connection);
            }
            sasl.sasl_done();
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("libsasl2 reported success but wrote no " + file);
        }
        // Keep the callback reachable until here.
        java.lang.ref.Reference.reachabilityFence(getopt);
    }

    private static void check(int code, String call, Pointer connection, Sasl sasl) {
        if (code != SASL_OK) {
            throw new IllegalStateException(call + " failed with " + code
                    + (connection == null ? "" : ": " + sasl.sasl_errdetail(connection)));
        }
    }
}
