// SPDX-License-Identifier: MIT
// Fuzzes what the workspace reads from outside: the saved workspace (a settings file anyone can
// edit) through WorkspaceState::fromJson and its round trip, and the head block or slot read
// from a stream message's raw text (ChainHead, over RawJsonScanner).
#include "core/workspace/chainhead.h"
#include "core/workspace/workspacestate.h"
#include "fuzzsupport.h"

#include <cstddef>
#include <cstdint>

using namespace allium;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::bytesOf(data, size);

    const ChainHead::Reading head = ChainHead::read(bytes);
    fuzz::require(head.found == !head.field.isEmpty(), "a head names its field");

    QString error;
    const std::optional<WorkspaceState> state = WorkspaceState::fromJson(bytes, &error);
    if (!state) {
        fuzz::require(!error.isEmpty(), "a refused workspace says why");
        return 0;
    }
    fuzz::require(state->streams.size() <= WorkspaceState::MaxStreams, "streams are bounded");
    for (const WorkspaceStream &stream : state->streams)
        fuzz::require(stream.pane == 0 || stream.pane == 1, "a stream is on one of two sides");
    // What was read is saved and read back the same.
    const std::optional<WorkspaceState> again = WorkspaceState::fromJson(state->toJson());
    fuzz::require(again.has_value(), "a saved workspace reads back");
    fuzz::require(*again == *state, "the round trip keeps the workspace");
    return 0;
}
