#pragma once

#include <core/error.h>

namespace Kura {

// Makes SIGTERM and SIGINT end the application's event loop (QCoreApplication::quit) instead
// of killing the process, so that services shut down cleanly: the signal handler only writes
// a byte to a socket pair that the event loop watches. Call once, from the main thread, after
// the QCoreApplication exists. Internal when the socket pair cannot be made.
Status quitEventLoopOnTermination();

} // namespace Kura
