/* TEST-ONLY stand-in for Windows 10's icuuc.dll under Wine 8, which lacks it.
 *
 * Qt 6.10+ (QtCore's QStringConverter) links the ICU converter API of the system's
 * icuuc.dll, present in every Windows 10 since 1703. Under Wine 8 the DLL is missing and
 * Qt6Core.dll does not load at all. This stand-in exports the ucnv_* functions QtCore
 * imports and reports every converter as unavailable (U_FILE_ACCESS_ERROR / no converters),
 * so Qt falls back to its built-in UTF-8/UTF-16/Latin-1 codecs, which is all this program
 * uses. Built into the Wine prefix by packaging/windows/build.sh; NEVER bundled.
 */
#include <stddef.h>
#include <stdint.h>

typedef int32_t UErrorCode;
typedef uint16_t UChar;
typedef struct UConverter UConverter;
#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)

static void fail(UErrorCode *err) { if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; }

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err); return NULL; }
EXPORT void ucnv_close(UConverter *c) { (void)c; }
EXPORT void ucnv_reset(UConverter *c) { (void)c; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 4; }
EXPORT const char *ucnv_getName(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return ""; }
EXPORT void ucnv_getToUCallBack(const UConverter *c, void **action, const void **ctx)
{ (void)c; if (action) *action = NULL; if (ctx) *ctx = NULL; }
EXPORT void ucnv_getFromUCallBack(const UConverter *c, void **action, const void **ctx)
{ (void)c; if (action) *action = NULL; if (ctx) *ctx = NULL; }
EXPORT void ucnv_setToUCallBack(UConverter *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *err)
{ (void)c; (void)n; (void)nc; if (o) *o = NULL; if (oc) *oc = NULL; fail(err); }
EXPORT void ucnv_setFromUCallBack(UConverter *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *err)
{ (void)c; (void)n; (void)nc; if (o) *o = NULL; if (oc) *oc = NULL; fail(err); }
EXPORT void ucnv_cbToUWriteUChars(void *a, const UChar *s, int32_t l, int32_t o, UErrorCode *err)
{ (void)a; (void)s; (void)l; (void)o; fail(err); }
EXPORT void ucnv_cbFromUWriteUChars(void *a, const UChar **s, const UChar *e, int32_t o, UErrorCode *err)
{ (void)a; (void)s; (void)e; (void)o; fail(err); }
EXPORT int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }
EXPORT const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *err)
{ (void)n; (void)s; fail(err); return NULL; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT void ucnv_toUnicode(UConverter *c, UChar **t, const UChar *tl, const char **s, const char *sl,
                           int32_t *o, int8_t f, UErrorCode *err)
{ (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(err); }
EXPORT void ucnv_fromUnicode(UConverter *c, char **t, const char *tl, const UChar **s, const UChar *sl,
                             int32_t *o, int8_t f, UErrorCode *err)
{ (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(err); }
/* ICU's callback functions: Qt takes their addresses only. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
