#include "paper/font_cache.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>

namespace keyrite::paper {

void ReleaseFontCaches() {
  cairo_debug_reset_static_data();  // cairo's font face and scaled font caches
  FcFini();                         // fontconfig's configuration and pattern caches
}

}  // namespace keyrite::paper
