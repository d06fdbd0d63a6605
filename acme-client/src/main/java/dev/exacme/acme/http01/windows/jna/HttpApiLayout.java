package dev.exacme.acme.http01.windows.jna;

/**
 * Constants, structure sizes and field offsets of {@code http.h} and {@code winerror.h} for
 * x64, as exacme uses them to read requests and build responses in native memory. Each value
 * is checked at build time by compiling static assertions against the mingw-w64 headers
 * (see {@code HttpApiLayoutTest}). No logic here.
 */
public final class HttpApiLayout {

    /** {@code HTTPAPI_VERSION_2} ({2, 0}) as the 32-bit value passed by value on x64. */
    public static final int VERSION_2 = 0x0000_0002;
    public static final int HTTP_INITIALIZE_SERVER = 0x1;
    public static final int HTTP_SERVER_BINDING_PROPERTY = 7;
    public static final int HTTP_VERB_GET = 4;
    public static final int HTTP_VERB_HEAD = 5;
    public static final int HTTP_HEADER_CONTENT_TYPE = 12;
    public static final int HTTP_DATA_CHUNK_FROM_MEMORY = 0;

    public static final int NO_ERROR = 0;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_SHARING_VIOLATION = 32;
    public static final int ERROR_ALREADY_EXISTS = 183;
    public static final int ERROR_MORE_DATA = 234;
    public static final int ERROR_OPERATION_ABORTED = 995;

    /** {@code HTTP_BINDING_INFO}: Flags.Present, then the request queue handle. */
    public static final int BINDING_INFO_SIZE = 16;
    public static final int BINDING_INFO_FLAGS = 0;
    public static final int BINDING_INFO_QUEUE = 8;

    /** {@code HTTP_REQUEST_V1}: the fields exacme reads. */
    public static final int REQUEST_SIZE = 848;
    public static final int REQUEST_ID = 16;
    public static final int REQUEST_VERB = 36;
    public static final int REQUEST_ABS_PATH_LENGTH = 68;
    public static final int REQUEST_ABS_PATH = 88;

    /** {@code HTTP_RESPONSE_V1}. */
    public static final int RESPONSE_SIZE = 552;
    public static final int RESPONSE_STATUS_CODE = 8;
    public static final int RESPONSE_REASON_LENGTH = 10;
    public static final int RESPONSE_REASON = 16;
    public static final int RESPONSE_KNOWN_HEADERS = 56;
    public static final int KNOWN_HEADER_SIZE = 16;
    public static final int KNOWN_HEADER_LENGTH = 0;
    public static final int KNOWN_HEADER_VALUE = 8;
    public static final int RESPONSE_ENTITY_CHUNK_COUNT = 536;
    public static final int RESPONSE_ENTITY_CHUNKS = 544;

    /** {@code HTTP_DATA_CHUNK} with its FromMemory member. */
    public static final int DATA_CHUNK_SIZE = 32;
    public static final int DATA_CHUNK_TYPE = 0;
    public static final int DATA_CHUNK_BUFFER = 8;
    public static final int DATA_CHUNK_BUFFER_LENGTH = 16;

    private HttpApiLayout() {
    }
}
