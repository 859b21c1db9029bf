// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>

namespace allium {

/// Which websocket implementation carries a connection.
enum class TransportKind {
    Beast, ///< Boost.Beast: permessage-deflate, the handshake's HTTP status and body
    Qt,    ///< QtWebSockets: no compression
};

/// "beast" or "qt".
QString transportKindName(TransportKind kind);
/// The kind named `name` ("beast", "qt"; case-insensitive); false when it names none.
bool parseTransportKind(const QString &name, TransportKind *kind);
/// Beast, unless the environment variable ALLIUM_TRANSPORT names another (read once): a way to
/// compare transports or to fall back without a rebuild, and how the tests run on both.
TransportKind defaultTransportKind();

} // namespace allium

Q_DECLARE_METATYPE(allium::TransportKind)
