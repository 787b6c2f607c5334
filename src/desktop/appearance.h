#pragma once
// How the app looks before its first window: the Controls style the design
// system is drawn on (Fusion: dense, desktop-sized controls that draw with
// the palette Theme sets, light or dark; QT_QUICK_CONTROLS_STYLE, when set,
// wins), and layouts mirrored where the user's language reads right to left.

namespace muelle::desktop {

// Call after the application object is made, before QML is loaded.
void chooseAppearance();

} // namespace muelle::desktop
