package dev.exacme.lifecycle.statedirectory.windows.jna;

/**
 * The Windows SDK values the state directory's security descriptors are read and written
 * with, each named exactly like its macro in {@code winnt.h} or {@code winerror.h} so that a
 * test can check every one against the mingw-w64 headers. The values this shares with the
 * machine store ({@code DACL_SECURITY_INFORMATION}, {@code PROTECTED_DACL_SECURITY_INFORMATION},
 * {@code OWNER_SECURITY_INFORMATION}, {@code SE_FILE_OBJECT}, {@code ERROR_SUCCESS}) come from
 * {@link dev.exacme.store.windows.jna.StoreConstants}.
 */
public final class AclConstants {

    private AclConstants() {
    }

    // Security descriptors (winnt.h)

    /** {@code SECURITY_DESCRIPTOR_REVISION}. */
    public static final int SECURITY_DESCRIPTOR_REVISION = 1;
    /** {@code SE_OWNER_DEFAULTED}. */
    public static final int SE_OWNER_DEFAULTED = 0x0001;
    /** {@code SE_DACL_PRESENT}: without it the object has a NULL DACL, which grants everyone everything. */
    public static final int SE_DACL_PRESENT = 0x0004;
    /** {@code SE_DACL_PROTECTED}: the DACL takes no entries from the parent. */
    public static final int SE_DACL_PROTECTED = 0x1000;
    /** {@code SE_SELF_RELATIVE}: the descriptor is one block, parts found by offsets. */
    public static final int SE_SELF_RELATIVE = 0x8000;

    // Access control lists and entries (winnt.h)

    /** {@code ACL_REVISION}. */
    public static final int ACL_REVISION = 2;
    /** {@code ACL_REVISION_DS}: lists with object entries. */
    public static final int ACL_REVISION_DS = 4;
    /** {@code ACCESS_ALLOWED_ACE_TYPE}. */
    public static final int ACCESS_ALLOWED_ACE_TYPE = 0x0;
    /** {@code ACCESS_DENIED_ACE_TYPE}. */
    public static final int ACCESS_DENIED_ACE_TYPE = 0x1;
    /** {@code ACCESS_ALLOWED_OBJECT_ACE_TYPE}. */
    public static final int ACCESS_ALLOWED_OBJECT_ACE_TYPE = 0x5;
    /** {@code ACCESS_DENIED_OBJECT_ACE_TYPE}. */
    public static final int ACCESS_DENIED_OBJECT_ACE_TYPE = 0x6;
    /** {@code ACCESS_ALLOWED_CALLBACK_ACE_TYPE}: a conditional allow entry. */
    public static final int ACCESS_ALLOWED_CALLBACK_ACE_TYPE = 0x9;
    /** {@code ACCESS_DENIED_CALLBACK_ACE_TYPE}. */
    public static final int ACCESS_DENIED_CALLBACK_ACE_TYPE = 0xA;
    /** {@code ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE}. */
    public static final int ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE = 0xB;
    /** {@code ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE}. */
    public static final int ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE = 0xC;
    /** {@code OBJECT_INHERIT_ACE}: files created inside receive the entry. */
    public static final int OBJECT_INHERIT_ACE = 0x1;
    /** {@code CONTAINER_INHERIT_ACE}: directories created inside receive the entry. */
    public static final int CONTAINER_INHERIT_ACE = 0x2;
    /** {@code NO_PROPAGATE_INHERIT_ACE}. */
    public static final int NO_PROPAGATE_INHERIT_ACE = 0x4;
    /** {@code INHERIT_ONLY_ACE}: the entry is for what is created inside, not for the directory. */
    public static final int INHERIT_ONLY_ACE = 0x8;
    /** {@code INHERITED_ACE}: the entry came from the parent. */
    public static final int INHERITED_ACE = 0x10;
    /** {@code ACE_OBJECT_TYPE_PRESENT}. */
    public static final int ACE_OBJECT_TYPE_PRESENT = 0x1;
    /** {@code ACE_INHERITED_OBJECT_TYPE_PRESENT}. */
    public static final int ACE_INHERITED_OBJECT_TYPE_PRESENT = 0x2;

    // SIDs (winnt.h)

    /** {@code SID_REVISION}. */
    public static final int SID_REVISION = 1;
    /** {@code SID_MAX_SUB_AUTHORITIES}. */
    public static final int SID_MAX_SUB_AUTHORITIES = 15;

    // Access rights for files and directories (winnt.h)

    /** {@code FILE_READ_DATA}, also {@code FILE_LIST_DIRECTORY}: read a file, list a directory. */
    public static final int FILE_READ_DATA = 0x0001;
    /** {@code FILE_LIST_DIRECTORY}. */
    public static final int FILE_LIST_DIRECTORY = 0x0001;
    /** {@code FILE_ALL_ACCESS}: full control. */
    public static final int FILE_ALL_ACCESS = 0x001F01FF;
    /** {@code FILE_GENERIC_READ}. */
    public static final int FILE_GENERIC_READ = 0x00120089;
    /** {@code FILE_GENERIC_WRITE}. */
    public static final int FILE_GENERIC_WRITE = 0x00120116;
    /** {@code FILE_GENERIC_EXECUTE}. */
    public static final int FILE_GENERIC_EXECUTE = 0x001200A0;
    /** {@code GENERIC_READ}. */
    public static final int GENERIC_READ = 0x80000000;
    /** {@code GENERIC_WRITE}. */
    public static final int GENERIC_WRITE = 0x40000000;
    /** {@code GENERIC_EXECUTE}. */
    public static final int GENERIC_EXECUTE = 0x20000000;
    /** {@code GENERIC_ALL}. */
    public static final int GENERIC_ALL = 0x10000000;

    // Error codes (winerror.h)

    /** {@code ERROR_FILE_NOT_FOUND}. */
    public static final int ERROR_FILE_NOT_FOUND = 2;
    /** {@code ERROR_PATH_NOT_FOUND}. */
    public static final int ERROR_PATH_NOT_FOUND = 3;
    /** {@code ERROR_ACCESS_DENIED}. */
    public static final int ERROR_ACCESS_DENIED = 5;
    /** {@code ERROR_ALREADY_EXISTS}. */
    public static final int ERROR_ALREADY_EXISTS = 183;
    /** {@code ERROR_INVALID_OWNER}: the new owner is neither this account nor a group it may assign. */
    public static final int ERROR_INVALID_OWNER = 1307;
}
