#pragma once

#include "tree.h"

#include "fs/metadata.h"

namespace Kura::Store {

// Conversions between a tree node and the file-system seam's metadata.
Node nodeFromMetadata(const QByteArray &name, const Fs::Metadata &metadata);
Fs::Metadata metadataFromNode(const Node &node);

} // namespace Kura::Store
