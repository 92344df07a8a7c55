#pragma once
// Drawing text makes cairo and fontconfig cache fonts for the rest of the process, and some of
// those caches are never freed. A process that drew sheets may call ReleaseFontCaches() once, at
// its very end, so leak checkers (AddressSanitizer in CI) see a clean exit. Contract: no cairo
// object may still exist, nothing may draw afterwards, and no other thread may be drawing.

namespace keyrite::paper {

void ReleaseFontCaches();

}  // namespace keyrite::paper
