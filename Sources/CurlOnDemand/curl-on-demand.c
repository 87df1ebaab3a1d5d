// The libcurl functions Foundation's networking (URLSession) calls, each loading libcurl on its
// first call and going on to the real function.
//
// FoundationNetworking links libcurl, whose chain of some thirty shared libraries (TLS, Kerberos,
// LDAP, SSH…) the dynamic loader would otherwise map and relocate at every start of callbook, a
// couple of milliseconds of every build, though only `check --external` and the server's proxy use
// the network. Defined here, these names leave libcurl out of the executable's needed libraries
// (linked with --as-needed); `dlopen` brings it in when a request is first made.
//
// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt take one argument after the option,
// a long, a pointer or a curl_off_t: each travels as one 64-bit integer-class argument (System V
// x86-64 and AArch64), so it is taken as a pointer-sized value and handed on as it came.
#if defined(__linux__)
#define CURL_DISABLE_TYPECHECK
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <curl/curl.h>

static void *library;
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void load(void) {
    library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *problem = dlerror();
        fprintf(stderr, "callbook: this needs libcurl (libcurl.so.4), which cannot be loaded: %s\n",
                problem ? problem : "not found");
        exit(2);
    }
}

/// The real function `name`, libcurl loaded on the first call.
static void *real(const char *name) {
    pthread_once(&loaded, load);
    void *function = dlsym(library, name);
    if (!function) {
        fprintf(stderr, "callbook: libcurl.so.4 has no %s\n", name);
        exit(2);
    }
    return function;
}

/// Declares `pointer`, the real `name` (looked up once), of the type curl.h declares.
#define REAL(name) \
    static __typeof__(&name) pointer_##name; \
    __typeof__(&name) pointer = __atomic_load_n(&pointer_##name, __ATOMIC_ACQUIRE); \
    if (!pointer) { \
        pointer = (__typeof__(&name))real(#name); \
        __atomic_store_n(&pointer_##name, pointer, __ATOMIC_RELEASE); \
    }

/// The one argument after the option of a setopt or getinfo call.
#define ONE_ARGUMENT(last) \
    va_list arguments; \
    va_start(arguments, last); \
    void *argument = va_arg(arguments, void *); \
    va_end(arguments);

CURLcode curl_global_init(long flags) {
    REAL(curl_global_init)
    return pointer(flags);
}

char *curl_version(void) {
    REAL(curl_version)
    return pointer();
}

curl_version_info_data *curl_version_info(CURLversion age) {
    REAL(curl_version_info)
    return pointer(age);
}

void curl_free(void *p) {
    REAL(curl_free)
    pointer(p);
}

CURL *curl_easy_init(void) {
    REAL(curl_easy_init)
    return pointer();
}

void curl_easy_cleanup(CURL *curl) {
    REAL(curl_easy_cleanup)
    pointer(curl);
}

CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...) {
    ONE_ARGUMENT(option)
    REAL(curl_easy_setopt)
    return pointer(curl, option, argument);
}

CURLcode curl_easy_getinfo(CURL *curl, CURLINFO info, ...) {
    ONE_ARGUMENT(info)
    REAL(curl_easy_getinfo)
    return pointer(curl, info, argument);
}

CURLcode curl_easy_pause(CURL *handle, int bitmask) {
    REAL(curl_easy_pause)
    return pointer(handle, bitmask);
}

const char *curl_easy_strerror(CURLcode code) {
    REAL(curl_easy_strerror)
    return pointer(code);
}

CURLM *curl_multi_init(void) {
    REAL(curl_multi_init)
    return pointer();
}

CURLMcode curl_multi_cleanup(CURLM *multi) {
    REAL(curl_multi_cleanup)
    return pointer(multi);
}

CURLMcode curl_multi_add_handle(CURLM *multi, CURL *easy) {
    REAL(curl_multi_add_handle)
    return pointer(multi, easy);
}

CURLMcode curl_multi_remove_handle(CURLM *multi, CURL *easy) {
    REAL(curl_multi_remove_handle)
    return pointer(multi, easy);
}

CURLMcode curl_multi_assign(CURLM *multi, curl_socket_t socket, void *data) {
    REAL(curl_multi_assign)
    return pointer(multi, socket, data);
}

CURLMsg *curl_multi_info_read(CURLM *multi, int *left) {
    REAL(curl_multi_info_read)
    return pointer(multi, left);
}

CURLMcode curl_multi_setopt(CURLM *multi, CURLMoption option, ...) {
    ONE_ARGUMENT(option)
    REAL(curl_multi_setopt)
    return pointer(multi, option, argument);
}

CURLMcode curl_multi_socket_action(CURLM *multi, curl_socket_t socket, int events, int *running) {
    REAL(curl_multi_socket_action)
    return pointer(multi, socket, events, running);
}

struct curl_slist *curl_slist_append(struct curl_slist *list, const char *text) {
    REAL(curl_slist_append)
    return pointer(list, text);
}

void curl_slist_free_all(struct curl_slist *list) {
    REAL(curl_slist_free_all)
    pointer(list);
}

CURLU *curl_url(void) {
    REAL(curl_url)
    return pointer();
}

CURLUcode curl_url_get(CURLU *url, CURLUPart part, char **text, unsigned int flags) {
    REAL(curl_url_get)
    return pointer(url, part, text, flags);
}

CURLUcode curl_url_set(CURLU *url, CURLUPart part, const char *text, unsigned int flags) {
    REAL(curl_url_set)
    return pointer(url, part, text, flags);
}

#endif
