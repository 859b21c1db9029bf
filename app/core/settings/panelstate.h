// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDataStream>

namespace allium {

/// The saved layout of a panel (splitters, headers, choices) as the settings keep it: a magic
/// number naming the panel, a format version, then the panel's fields in QDataStream's Qt 6.4
/// encoding. Every panel uses this one format, so a state from another panel, another version or
/// a damaged file is refused as a whole instead of half applied.
///
///     PanelState out(Magic, Version);
///     out << splitter->saveState() << visible;
///     return out.data();
///
///     PanelState in(state, Magic, Version);
///     in >> splitterState >> visible;
///     if (!in.isValid())
///         return false;
class PanelState
{
public:
    /// Starts a state to write; the header is written at once.
    PanelState(quint32 magic, quint32 version);
    /// Opens `state` to read; the header is read and checked at once.
    PanelState(const QByteArray &state, quint32 magic, quint32 version);

    template <typename T>
    PanelState &operator<<(const T &value)
    {
        m_stream << value;
        return *this;
    }

    /// Reads the next field; after a wrong header or a short read it reads nothing more, so a
    /// bad state never fills the fields with what follows.
    template <typename T>
    PanelState &operator>>(T &value)
    {
        if (m_stream.status() == QDataStream::Ok)
            m_stream >> value;
        return *this;
    }

    /// Written: the state so far.
    QByteArray data() const { return m_data; }
    /// Read: the header matched and every field read so far was complete.
    bool isValid() const { return m_stream.status() == QDataStream::Ok; }

private:
    QByteArray m_data;
    QDataStream m_stream;
};

} // namespace allium
