// SPDX-License-Identifier: MIT
#pragma once

namespace allium {

/// allium-cli's exit codes; documented in --help (exitCodeHelp()) and the README.
enum class ExitCode : int {
    Ok = 0,
    RequestsFailed = 1, ///< api: finished, but some requests failed or timed out
    Usage = 2,          ///< unknown command or option, missing or bad argument
    BadUrl = 3,
    InvalidFilter = 4,
    KeyRefused = 5, ///< the server refused the API key, or no key was found
    ConnectionFailed = 6,
    Interrupted = 130, ///< SIGINT (Ctrl+C); SIGTERM gives 143
};

} // namespace allium
