#ifndef ICEPROBE_CNFQ_SHIM_H
#define ICEPROBE_CNFQ_SHIM_H
#include <stdint.h>
#include <sys/types.h>
#include <netinet/in.h>  /* before linux/netfilter.h: lets glibc suppress the duplicate linux/in.h structs */
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#endif
