package dev.exacme.store.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The advapi32.dll SDDL conversions, and {@code GetSecurityDescriptorDacl} taking a plain
 * pointer (jna-platform's takes a {@code SECURITY_DESCRIPTOR} structure). Descriptors and
 * strings these return are freed with {@code LocalFree}.
 */
public interface SecurityDescriptors extends StdCallLibrary {

    /** The loaded advapi32.dll. */
    SecurityDescriptors INSTANCE = Native.load("advapi32", SecurityDescriptors.class,
            W32APIOptions.UNICODE_OPTIONS);

    /**
     * {@code BOOL ConvertStringSecurityDescriptorToSecurityDescriptorW(LPCWSTR, DWORD,
     * PSECURITY_DESCRIPTOR*, PULONG)}: a self-relative descriptor.
     */
    boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(String stringSecurityDescriptor,
            int stringSDRevision, PointerByReference securityDescriptor, IntByReference securityDescriptorSize);

    /**
     * {@code BOOL ConvertSecurityDescriptorToStringSecurityDescriptorW(PSECURITY_DESCRIPTOR, DWORD,
     * SECURITY_INFORMATION, LPWSTR*, PULONG)}.
     */
    boolean ConvertSecurityDescriptorToStringSecurityDescriptorW(Pointer securityDescriptor, int requestedStringSDRevision,
            int securityInformation, PointerByReference stringSecurityDescriptor, IntByReference stringSecurityDescriptorLen);

    /** {@code BOOL GetSecurityDescriptorDacl(PSECURITY_DESCRIPTOR, LPBOOL, PACL*, LPBOOL)}. */
    boolean GetSecurityDescriptorDacl(Pointer pSecurityDescriptor, IntByReference lpbDaclPresent,
            PointerByReference pDacl, IntByReference lpbDaclDefaulted);
}
