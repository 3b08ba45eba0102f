#ifndef ICEPROBE_CNICE_SHIM_H
#define ICEPROBE_CNICE_SHIM_H
#include <agent.h>
#include <glib.h>
#include <glib-object.h>
#endif
