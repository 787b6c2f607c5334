#pragma once
// Which scene graph the app draws with. Without a GPU (no DRM render node:
// a VM, Xvfb, a remote X session) OpenGL would be Mesa's llvmpipe, which
// costs ~90 MiB of memory and a busy CPU to do what Qt Quick's software
// renderer does with less; there the software renderer is chosen. The user's
// QT_QUICK_BACKEND, when set, wins.

namespace muelle::desktop {

// Call before the first window is made.
void chooseSceneGraph();

} // namespace muelle::desktop
