// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QStringList>

class QLineEdit;
class QListWidget;
class QPushButton;
class QStringListModel;

namespace allium {

/// Chooses the live table's columns: add field paths (completed from the topic's documented
/// fields and the fields seen live, or typed freely), remove them and put them in order.
class ColumnChooserDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ColumnChooserDialog(QWidget *parent = nullptr);

    void setColumns(const QStringList &paths);
    /// The chosen columns, in order.
    QStringList columns() const;
    /// What "Restore defaults" brings back.
    void setDefaultColumns(const QStringList &paths);
    /// Paths offered for adding: documented ones first, then those only seen live.
    void setAvailableFields(const QStringList &documented, const QStringList &seenLive);

    /// Adds a path at the end (no duplicates, no blanks); true when added.
    bool addColumn(const QString &path);

private:
    void addChosen();
    void refreshAvailable();
    void moveCurrent(int delta);
    void updateButtons();

    QStringList m_defaults;
    QStringList m_documented;
    QStringList m_seenLive;
    QListWidget *m_columnList = nullptr;
    QListWidget *m_availableList = nullptr;
    QLineEdit *m_fieldEdit = nullptr;
    QStringListModel *m_completions = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_upButton = nullptr;
    QPushButton *m_downButton = nullptr;
    QPushButton *m_defaultsButton = nullptr;
};

} // namespace allium
