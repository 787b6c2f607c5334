#pragma once
// Qt's own checks of a model's contract run on every change a test causes
// (rows announced as they are inserted, moved and removed; indexes, parents,
// row counts and data consistent): a breach fails the test where it happens.

#include <QAbstractItemModelTester>

inline void checkModel(QAbstractItemModel &model)
{
    new QAbstractItemModelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest, &model);
}
