package dev.exacme.acme.http01.windows.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The functions of the Windows HTTP Server API (httpapi.dll) exacme calls, as declared in
 * {@code http.h}. No logic here. {@code HTTPAPI_VERSION} (two USHORTs) is passed by value as
 * the 32-bit integer it occupies in a register on x64 ({@link HttpApiLayout#VERSION_2}).
 * Every function returns a Win32 error code (0 is success).
 */
public interface HttpApi extends Library {

    /** Loads httpapi.dll; only on Windows. */
    static HttpApi load() {
        return Native.load("httpapi", HttpApi.class);
    }

    int HttpInitialize(int version, int flags, Pointer reserved);

    int HttpTerminate(int flags, Pointer reserved);

    int HttpCreateServerSession(int version, LongByReference serverSessionId, int reserved);

    int HttpCloseServerSession(long serverSessionId);

    int HttpCreateUrlGroup(long serverSessionId, LongByReference urlGroupId, int reserved);

    int HttpCloseUrlGroup(long urlGroupId);

    int HttpAddUrlToUrlGroup(long urlGroupId, WString fullyQualifiedUrl, long urlContext, int reserved);

    int HttpCreateRequestQueue(int version, WString name, Pointer securityAttributes, int flags,
                               PointerByReference requestQueueHandle);

    int HttpCloseRequestQueue(Pointer requestQueueHandle);

    int HttpShutdownRequestQueue(Pointer requestQueueHandle);

    int HttpSetUrlGroupProperty(long urlGroupId, int property, Pointer propertyInformation, int length);

    int HttpReceiveHttpRequest(Pointer requestQueueHandle, long requestId, int flags, Pointer requestBuffer,
                               int requestBufferLength, IntByReference bytesReceived, Pointer overlapped);

    int HttpSendHttpResponse(Pointer requestQueueHandle, long requestId, int flags, Pointer httpResponse,
                             Pointer reserved1, IntByReference bytesSent, Pointer reserved2, int reserved3,
                             Pointer overlapped, Pointer reserved4);
}
