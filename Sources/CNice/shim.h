#ifndef ICEPROBE_CNICE_SHIM_H
#define ICEPROBE_CNICE_SHIM_H
#include <agent.h>
#include <debug.h>
#include <glib.h>
#include <glib-object.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Shims for IceAgent (the only Swift module importing CNice). Swift cannot call C variadic
 * functions (g_object_set/g_object_get) nor expand the g_signal_connect/G_CALLBACK macros, so
 * each shim below wraps exactly one such call with fixed, typed arguments. */

/* Why: g_object_set is variadic. Sets the agent properties iceprobe's gathering plan controls. */
static inline void cnice_agent_configure(NiceAgent *agent, gboolean controlling,
                                         guint stun_initial_timeout_ms,
                                         guint stun_max_retransmissions,
                                         guint stun_reliable_timeout_ms,
                                         guint stun_pacing_timer_ms,
                                         gboolean ice_udp, gboolean ice_tcp) {
    g_object_set(G_OBJECT(agent),
                 "upnp", FALSE,
                 "controlling-mode", controlling,
                 "stun-initial-timeout", stun_initial_timeout_ms,
                 "stun-max-retransmissions", stun_max_retransmissions,
                 "stun-reliable-timeout", stun_reliable_timeout_ms,
                 "stun-pacing-timer", stun_pacing_timer_ms,
                 "ice-udp", ice_udp,
                 "ice-tcp", ice_tcp,
                 NULL);
}

/* Why: g_object_set is variadic. libnice takes one STUN server per agent, as an IP literal. */
static inline void cnice_agent_set_stun_server(NiceAgent *agent, const gchar *ip, guint port) {
    g_object_set(G_OBJECT(agent), "stun-server", ip, "stun-server-port", port, NULL);
}

/* Why: g_object_set is variadic. "force-relay" makes an agent use only relayed candidates, so a
 * connectivity check can prove that a TURN path works on its own. */
static inline void cnice_agent_set_force_relay(NiceAgent *agent, gboolean force) {
    g_object_set(G_OBJECT(agent), "force-relay", force, NULL);
}

/* Why: g_object_get is variadic. Reads back a guint property (used by tests to verify the plan). */
static inline guint cnice_agent_get_uint(NiceAgent *agent, const gchar *name) {
    guint value = 0;
    g_object_get(G_OBJECT(agent), name, &value, NULL);
    return value;
}

/* Why: g_object_get is variadic. Reads back a gboolean property (e.g. "upnp" must be FALSE). */
static inline gboolean cnice_agent_get_bool(NiceAgent *agent, const gchar *name) {
    gboolean value = FALSE;
    g_object_get(G_OBJECT(agent), name, &value, NULL);
    return value;
}

/* Why: setns(2) and CLONE_NEWNET are only declared with _GNU_SOURCE, and syscall(2) is variadic.
 * Moves the calling thread (the GLib loop thread) into the network namespace open at `fd`, so a
 * run can gather from inside a lab namespace. Returns 0 or -1 (errno set). */
static inline int cnice_enter_network_namespace(int fd) {
    return (int)syscall(SYS_setns, fd, 0x40000000 /* CLONE_NEWNET */);
}

/* Typed signal handler signatures, so Swift passes @convention(c) closures of the right shape. */
typedef void (*cnice_candidate_cb)(NiceAgent *agent, NiceCandidate *candidate, gpointer data);
typedef void (*cnice_stream_cb)(NiceAgent *agent, guint stream_id, gpointer data);
typedef void (*cnice_state_cb)(NiceAgent *agent, guint stream_id, guint component_id,
                               guint state, gpointer data);
typedef void (*cnice_pair_cb)(NiceAgent *agent, guint stream_id, guint component_id,
                              NiceCandidate *local, NiceCandidate *remote, gpointer data);

/* Why: g_signal_connect and G_CALLBACK are macros. "new-candidate-full" carries the candidate. */
static inline gulong cnice_connect_new_candidate(NiceAgent *agent, cnice_candidate_cb cb, gpointer data) {
    return g_signal_connect(agent, "new-candidate-full", G_CALLBACK(cb), data);
}

/* Why: g_signal_connect and G_CALLBACK are macros. */
static inline gulong cnice_connect_gathering_done(NiceAgent *agent, cnice_stream_cb cb, gpointer data) {
    return g_signal_connect(agent, "candidate-gathering-done", G_CALLBACK(cb), data);
}

/* Why: g_signal_connect and G_CALLBACK are macros. */
static inline gulong cnice_connect_state_changed(NiceAgent *agent, cnice_state_cb cb, gpointer data) {
    return g_signal_connect(agent, "component-state-changed", G_CALLBACK(cb), data);
}

/* Why: g_signal_connect and G_CALLBACK are macros. "new-selected-pair-full" gives both candidates. */
static inline gulong cnice_connect_selected_pair(NiceAgent *agent, cnice_pair_cb cb, gpointer data) {
    return g_signal_connect(agent, "new-selected-pair-full", G_CALLBACK(cb), data);
}

/* Why: libnice reads an agent's sockets (STUN/TURN responses included) only while a receive
 * callback is attached. iceprobe sends no media, so this callback drops whatever data arrives. */
static inline void cnice_drop_received(NiceAgent *agent, guint stream_id, guint component_id,
                                       guint len, gchar *buf, gpointer data) {
    (void)agent; (void)stream_id; (void)component_id; (void)len; (void)buf; (void)data;
}

/* Why: NiceAgentRecvFunc is a function pointer type Swift cannot form from a static C function
 * without this helper; attaches cnice_drop_received on the given context. */
static inline gboolean cnice_attach_drop_recv(NiceAgent *agent, guint stream_id, guint component_id,
                                              GMainContext *context) {
    return nice_agent_attach_recv(agent, stream_id, component_id, context, cnice_drop_received, NULL);
}

#endif
