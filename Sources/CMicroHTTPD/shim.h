#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <microhttpd.h>

/* MHD_start_daemon is variadic, which Swift cannot call: this starts a daemon with the options the
   reading room uses (an internal thread pool, a listening address, a completion callback that frees
   each request's state, a connection timeout and a cap on connections). */
static inline struct MHD_Daemon *digitize_mhd_start(unsigned int flags, const struct sockaddr *address, uint16_t port,
                                                    MHD_AccessHandlerCallback handler, void *handler_context,
                                                    MHD_RequestCompletedCallback completed, void *completed_context,
                                                    unsigned int thread_pool_size, unsigned int connection_timeout,
                                                    unsigned int connection_limit) {
    return MHD_start_daemon(flags, port, NULL, NULL, handler, handler_context,
                            MHD_OPTION_SOCK_ADDR, address,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, completed_context,
                            MHD_OPTION_THREAD_POOL_SIZE, thread_pool_size,
                            MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout,
                            MHD_OPTION_CONNECTION_LIMIT, connection_limit,
                            MHD_OPTION_END);
}
