// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"
#include "core/stream/topiccatalogue.h"

#include <QList>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QStandardItemModel;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace allium {

/// Visual editor of a stream filter: a tree of AND/OR groups and conditions with per-row
/// field, operator and value editors, and buttons (with shortcuts) to add, remove, move and
/// nest. Only edits the Filter value; validation is the caller's business.
class FilterBuilderWidget : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBuilderWidget(QWidget *parent = nullptr);
    ~FilterBuilderWidget() override;

    /// The topic whose documented fields the field boxes complete.
    void setTopic(const QString &topic);
    QString topic() const { return m_topic; }
    /// Fields seen in live traffic (path, type, presence), completed alongside the topic's.
    void setLiveFields(const QList<TopicField> &fields);
    /// The type the value editors assume for `path` (live type first, then documented).
    FieldType fieldType(const QString &path) const;

    /// Replaces the whole tree; does not emit filterChanged.
    void setFilter(const Filter &filter);
    /// The filter as edited: empty without conditions, a bare condition when the root holds
    /// just one and was never a group, otherwise a group.
    Filter filter() const;

    QTreeWidget *tree() const { return m_tree; }

signals:
    /// Every user edit: typing, choosing, adding, removing, moving.
    void filterChanged(const allium::Filter &filter);

private:
    using Path = QList<int>;
    /// Changes the tree for the current node (given the root, the node's path and its
    /// siblings); returns the path to make current, or nothing to cancel.
    using StructureEdit = std::function<std::optional<Path>(Filter *root, const Path &current,
                                                            QList<Filter> &siblings)>;

    void editCurrent(int minimumDepth, const StructureEdit &edit);

    void addCondition();
    void addGroup();
    void removeCurrent();
    void moveCurrentUp();
    void moveCurrentDown();
    void moveCurrent(int delta);
    void indentCurrent();
    void outdentCurrent();

    void insertNode(const Filter &node, const Path &focusInside);
    Filter rootGroup() const;
    Filter nodeFilter(QTreeWidgetItem *item) const;
    void rebuild(const Filter &root, const Path &current);
    QTreeWidgetItem *createItem(const Filter &node, QTreeWidgetItem *parent, const QString &label);
    Path currentPath() const;
    QTreeWidgetItem *itemAt(const Path &path) const;
    void focusItem(QTreeWidgetItem *item);
    void handleFocusChanged(QWidget *now);
    void updateButtons();
    void updateFieldModel();
    void emitChanged();

    QString m_topic;
    QList<TopicField> m_liveFields;
    QStandardItemModel *m_fields = nullptr;
    QComboBox *m_rootCombinator = nullptr;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_emptyHint = nullptr; // over the empty tree: what to do
    QToolButton *m_addCondition = nullptr;
    QToolButton *m_addGroup = nullptr;
    QToolButton *m_remove = nullptr;
    QToolButton *m_moveUp = nullptr;
    QToolButton *m_moveDown = nullptr;
    QToolButton *m_indent = nullptr;
    QToolButton *m_outdent = nullptr;
    bool m_rootIsGroup = false;
    // To the application's focusChanged, which ~QWidget still emits after our destructor ran.
    QMetaObject::Connection m_focusConnection;
};

} // namespace allium
