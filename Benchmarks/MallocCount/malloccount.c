// LD_PRELOAD malloc counter: counts malloc/calloc/realloc/posix_memalign/aligned_alloc calls and
// prints the totals to stderr at exit. Used to show that training allocates nothing per step.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
static atomic_long n;
extern void *__libc_malloc(size_t), *__libc_calloc(size_t, size_t), *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
void *malloc(size_t s) { n++; return __libc_malloc(s); }
void *calloc(size_t a, size_t b) { n++; return __libc_calloc(a, b); }
void *realloc(void *p, size_t s) { n++; return __libc_realloc(p, s); }
int posix_memalign(void **p, size_t a, size_t s) { n++; *p = __libc_memalign(a, s); return *p ? 0 : 12; }
void *aligned_alloc(size_t a, size_t s) { n++; return __libc_memalign(a, s); }
__attribute__((destructor)) static void report(void) { fprintf(stderr, "malloccount: %ld allocations\n", (long)n); }
