// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>
#include <QString>

class QTableWidget;

namespace allium {

/// Help → Keyboard shortcuts: every shortcut of a window, read from its live actions and
/// QShortcut objects when the dialog opens, so the list cannot drift from what the keys do.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    struct Entry
    {
        QString command;
        QString keys;  ///< native text, e.g. "Ctrl+F"; alternatives joined by ", "
        QString where; ///< "everywhere" or the part of the window that must have focus
    };

    explicit ShortcutsDialog(QWidget *window, QWidget *parent = nullptr);

    /// The shortcuts of `window` and its children, sorted by command. Actions without a
    /// shortcut are left out; a QShortcut is listed with its whatsThis as the command.
    static QList<Entry> collect(const QWidget *window);

private:
    QTableWidget *m_table = nullptr;
};

} // namespace allium
