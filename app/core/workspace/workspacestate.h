// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

#include <optional>

namespace allium {

/// One stream of a saved workspace.
struct WorkspaceStream
{
    QString topic;
    QByteArray filter; ///< the setFilter `data` as JSON text; empty: no filter
    bool running = false;
    int pane = 0; ///< 0: the left (or only) side, 1: the right side of the split
    QString chartField;
    QByteArray panelState; ///< StreamPanel::saveState()
    QByteArray tableState; ///< StreamPanel::saveTableState()

    bool operator==(const WorkspaceStream &other) const;
};

/// The saved workspace: its streams in tab order, which is shown on each side, the split and
/// the memory budget. Kept as JSON in the settings; a damaged or foreign text is refused as a
/// whole with a reason (the workspace then starts as on a first run).
struct WorkspaceState
{
    /// More are refused when opening; a settings file naming more is cut to these.
    static constexpr int MaxStreams = 32;
    /// A saved text larger than this is not read.
    static constexpr qsizetype MaxJsonBytes = 4 * 1024 * 1024;

    QVector<WorkspaceStream> streams;
    int currentLeft = 0;  ///< index into the left side's streams
    int currentRight = 0; ///< index into the right side's streams
    int focusedPane = 0;
    QByteArray splitterState;
    qint64 budgetBytes = 0; ///< 0: the default

    QByteArray toJson() const;
    static std::optional<WorkspaceState> fromJson(const QByteArray &json, QString *error = nullptr);

    bool operator==(const WorkspaceState &other) const;
};

} // namespace allium
