// SPDX-License-Identifier: MIT
#include "core/settings/panelstate.h"

namespace allium {

namespace {

// Fixed, so that a state saved by one build reads back in the next whatever Qt's default is.
constexpr QDataStream::Version StreamVersion = QDataStream::Qt_6_4;

} // namespace

PanelState::PanelState(quint32 magic, quint32 version)
    : m_stream(&m_data, QIODeviceBase::WriteOnly)
{
    m_stream.setVersion(StreamVersion);
    m_stream << magic << version;
}

PanelState::PanelState(const QByteArray &state, quint32 magic, quint32 version)
    : m_data(state)
    , m_stream(m_data)
{
    m_stream.setVersion(StreamVersion);
    quint32 readMagic = 0;
    quint32 readVersion = 0;
    m_stream >> readMagic >> readVersion;
    if (m_stream.status() == QDataStream::Ok && (readMagic != magic || readVersion != version))
        m_stream.setStatus(QDataStream::ReadCorruptData);
}

} // namespace allium
