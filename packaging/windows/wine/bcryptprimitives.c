/* TEST-ONLY stand-in for Windows 10's bcryptprimitives.dll under Wine 8, which lacks it.
 *
 * Rust's standard library (inside pyrage and cryptography) calls ProcessPrng, which every
 * Windows 10/11 has; Wine 8 does not, so those modules fail to import under Wine. This file
 * gives the Wine prefix of the build and of the install test a ProcessPrng that draws from
 * BCryptGenRandom (the system RNG, which Wine has). It is built into the Wine prefix by
 * packaging/windows/build.sh and is NEVER bundled with the program or the installer.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst; (void)reason; (void)reserved;
    return TRUE;
}
