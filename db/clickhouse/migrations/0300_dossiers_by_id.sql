-- @table dossiers_by_id
-- @shard cityHash64(dossier_id)
-- The dossiers table keyed on the dossier's id alone (ADR 016, issue #17 item 1). 0001 keyed rows on
-- (commune_code, dossier_id): a later version with another MaDonVi (the source moved the dossier to another
-- receiving unit) did not replace the earlier one, so both communes counted it and the old one kept a stale
-- open copy for ever. The identity of a dossier is its id alone, so the sorting key is dossier_id and FINAL
-- keeps one row per dossier: its newest version, in the commune that version names.
-- Same columns as 0001; a set index on commune_code keeps the per-commune reads from scanning every granule.
-- 0302 copies the rows of 0001's table here and swaps the two names; this table is then `dossiers`.
-- On a cluster the rows are sharded by the id too, so every version of a dossier lands on one shard.
CREATE TABLE IF NOT EXISTS dossiers_by_id{{LOCAL}} {{ON_CLUSTER}}
(
    dossier_id        String,
    commune_code      LowCardinality(String),
    source_unit       String                 COMMENT 'MaDonVi as delivered (a pre-merger unit before 2025-07-01)',
    procedure_code    LowCardinality(String),
    procedure_name    String,
    field_code        LowCardinality(String),
    field_name        LowCardinality(String),
    channel           UInt8                  COMMENT '1 in person, 2 online, 3 postal',
    online_level      LowCardinality(String) COMMENT 'toan_trinh | mot_phan | empty',
    status            UInt8                  COMMENT '1..10, docs/design.md §3',
    submitted_at      Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    received_at       Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    due_at            Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    finished_at       Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')) COMMENT 'NgayKetThucXuLy',
    returned_at       Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')) COMMENT 'NgayTra',
    supplement_count  UInt8,
    supplement_hours  Float32,
    fee_vnd           Float64,
    paid_online       UInt8                  COMMENT '0 no, 1 national portal, 2 provincial gateway',
    e_result          Bool,
    digitised         Bool,
    data_reused       Bool,
    population_data   Bool,
    vneid             Bool,
    officer_id        String,
    updated_at        DateTime64(3, 'Asia/Ho_Chi_Minh'),
    synthetic         Bool DEFAULT false,
    loaded_at         DateTime64(3, 'Asia/Ho_Chi_Minh') DEFAULT now64(3),
    INDEX by_commune commune_code TYPE set(0) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY dossier_id;
