package dev.exacme.lifecycle.statedirectory.windows;

import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ERROR_ACCESS_DENIED;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ERROR_ALREADY_EXISTS;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ERROR_FILE_NOT_FOUND;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ERROR_INVALID_OWNER;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ERROR_PATH_NOT_FOUND;
import static dev.exacme.store.windows.jna.StoreConstants.DACL_SECURITY_INFORMATION;
import static dev.exacme.store.windows.jna.StoreConstants.ERROR_SUCCESS;
import static dev.exacme.store.windows.jna.StoreConstants.OWNER_SECURITY_INFORMATION;
import static dev.exacme.store.windows.jna.StoreConstants.PROTECTED_DACL_SECURITY_INFORMATION;
import static dev.exacme.store.windows.jna.StoreConstants.SE_FILE_OBJECT;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.ptr.PointerByReference;
import dev.exacme.lifecycle.statedirectory.AccessEntry;
import dev.exacme.lifecycle.statedirectory.DirectoryAccess;
import dev.exacme.lifecycle.statedirectory.DirectoryAcl;
import dev.exacme.store.windows.AccountNames;
import dev.exacme.store.windows.WindowsCallFailed;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A directory's DACL and owner through advapi32 and kernel32, with jna-platform's existing
 * bindings: {@code GetNamedSecurityInfoW} to read, {@code SetNamedSecurityInfoW} with
 * {@code PROTECTED_DACL_SECURITY_INFORMATION} to write, {@code CreateDirectoryW} with a
 * security descriptor to create. The descriptors themselves are read and built in Java by
 * {@link SecurityDescriptorBytes}; each method here is one Windows call or two, frees what
 * Windows allocated, and turns every failure into an {@link IOException} naming the
 * directory (with a {@link WindowsCallFailed} as its cause).
 *
 * <p>{@code SetNamedSecurityInfo} is used rather than {@code SetFileSecurity} because, as
 * Microsoft documents it, it also recomputes the inherited entries of everything inside the
 * directory, so a repair reaches files created before it.
 *
 * <p>Not yet run on Windows.
 */
public final class WindowsDirectoryAcl implements DirectoryAcl {

    @Override
    public DirectoryAccess read(Path directory) throws IOException {
        var path = directory.toAbsolutePath().toString();
        var descriptor = new PointerByReference();
        var owner = new PointerByReference();
        var dacl = new PointerByReference();
        var code = Advapi32.INSTANCE.GetNamedSecurityInfo(path, SE_FILE_OBJECT,
                OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, owner, null, dacl, null, descriptor);
        if (code != ERROR_SUCCESS) {
            throw failure("GetNamedSecurityInfo", directory, code);
        }
        byte[] bytes;
        try {
            // self-relative: one block, so its length covers the owner and the DACL it points to
            var length = Advapi32.INSTANCE.GetSecurityDescriptorLength(descriptor.getValue());
            bytes = descriptor.getValue().getByteArray(0, length);
        } finally {
            Kernel32.INSTANCE.LocalFree(descriptor.getValue());
        }
        try {
            return SecurityDescriptorBytes.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException("the security descriptor of " + directory + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void writeProtected(Path directory, String owner, List<AccessEntry> entries) throws IOException {
        var path = directory.toAbsolutePath().toString();
        var descriptor = memory(SecurityDescriptorBytes.protectedDescriptor(entries));
        // the DACL first: if the owner cannot be changed, the list at least is right
        var code = Advapi32.INSTANCE.SetNamedSecurityInfo(path, SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION, null, null,
                descriptor.share(SecurityDescriptorBytes.WRITTEN_DACL_OFFSET), null);
        Reference.reachabilityFence(descriptor);
        if (code != ERROR_SUCCESS) {
            throw failure("SetNamedSecurityInfo", directory, code);
        }
        setOwner(directory, path, owner);
    }

    /**
     * Creates the directory with the DACL in its security attributes, so that it never exists
     * with another list, not even between two calls; then sets the owner.
     */
    @Override
    public void createProtected(Path directory, String owner, List<AccessEntry> entries) throws IOException {
        var path = directory.toAbsolutePath().toString();
        var descriptor = memory(SecurityDescriptorBytes.protectedDescriptor(entries));
        var attributes = new SECURITY_ATTRIBUTES();
        attributes.dwLength = new DWORD(attributes.size());
        attributes.lpSecurityDescriptor = descriptor;
        attributes.bInheritHandle = false;
        var created = Kernel32.INSTANCE.CreateDirectory(path, attributes);
        var code = Native.getLastError();
        Reference.reachabilityFence(descriptor);
        Reference.reachabilityFence(attributes);
        if (!created) {
            if (code == ERROR_ALREADY_EXISTS) {
                throw new FileAlreadyExistsException(path);
            }
            throw failure("CreateDirectory", directory, code);
        }
        setOwner(directory, path, owner);
    }

    @Override
    public Optional<String> accountName(String principal) {
        try {
            return Optional.of(AccountNames.of(principal));
        } catch (IOException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static void setOwner(Path directory, String path, String owner) throws IOException {
        var sid = memory(SecurityDescriptorBytes.sid(owner));
        var code = Advapi32.INSTANCE.SetNamedSecurityInfo(path, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, sid, null,
                null, null);
        Reference.reachabilityFence(sid);
        if (code != ERROR_SUCCESS) {
            var failure = failure("SetNamedSecurityInfo (owner " + owner + ")", directory, code);
            if (code == ERROR_INVALID_OWNER || code == ERROR_ACCESS_DENIED) {
                // a token may assign as owner only its own SID and the groups it marks "Group owner"
                // (whoami /groups); a UAC-filtered token holds Administrators for deny only
                throw new IOException(failure.getMessage() + "; run exacme from an elevated prompt"
                        + " (Run as administrator) or as SYSTEM", failure.getCause());
            }
            throw failure;
        }
    }

    private static Memory memory(byte[] bytes) {
        var memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    private static IOException failure(String function, Path directory, int code) {
        String message;
        try {
            message = Kernel32Util.formatMessage(code).trim();
        } catch (RuntimeException e) {
            message = "error " + code;
        }
        var cause = new WindowsCallFailed(function, code, message);
        var text = function + " on " + directory + " failed: " + message + " (" + code + ")";
        IOException failure;
        if (code == ERROR_FILE_NOT_FOUND || code == ERROR_PATH_NOT_FOUND) {
            failure = new NoSuchFileException(directory.toString(), null, text);
        } else if (code == ERROR_ACCESS_DENIED) {
            failure = new AccessDeniedException(directory.toString(), null, text);
        } else {
            failure = new IOException(text);
        }
        failure.initCause(cause);
        return failure;
    }
}
