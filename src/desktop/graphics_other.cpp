#include "desktop/graphics.h"

namespace muelle::desktop {

// Elsewhere (Windows) Qt's own choice (Direct3D) stands.
void chooseSceneGraph() { }

} // namespace muelle::desktop
