/* The C tests' checks: CHECK(cond), CHECK_STATUS(call, status). */
#ifndef KT_TEST_CHECK_H
#define KT_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include <kernterp/kernterp.h>

extern int kt_test_checks, kt_test_failures;

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        kt_test_checks++;                                                                    \
        if (!(cond)) {                                                                       \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);         \
            kt_test_failures++;                                                              \
        }                                                                                    \
    } while (0)

#define CHECK_STATUS(call, want)                                                             \
    do {                                                                                     \
        const int got_ = (call);                                                             \
        kt_test_checks++;                                                                    \
        if (got_ != (want)) {                                                                \
            fprintf(stderr, "%s:%d: %s returned %d (%s), expected %s\n", __FILE__, __LINE__, \
                    #call, got_, kt_status_message(got_), #want);                            \
            kt_test_failures++;                                                              \
        }                                                                                    \
    } while (0)

/* every byte of buf[0 .. n) equals v: nothing was written */
static inline int kt_test_untouched(const void *buf, size_t n, unsigned char v)
{
    const unsigned char *p = (const unsigned char *)buf;
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return 0;
    return 1;
}

#endif
