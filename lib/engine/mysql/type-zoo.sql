-- Every MySQL/MariaDB type family and object kind the connector must round-trip, with awkward names.
SET time_zone = '+00:00';
CREATE TABLE `zoo` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `tiny` tinyint DEFAULT NULL, `small u` smallint unsigned, `med` mediumint, `big` bigint, `ubig` bigint unsigned,
  `dec` decimal(30,10), `dec0` decimal(5,0), `fl` float, `dbl` double,
  `d` date, `dt` datetime, `dt6` datetime(6), `ts` timestamp(3) NULL DEFAULT NULL, `t` time, `t6` time(6), `y` year,
  `b1` bit(1), `b12` bit(12), `b64` bit(64),
  `ch` char(5), `vc` varchar(200) COLLATE utf8mb4_bin, `lat` varchar(50) CHARACTER SET latin1 COLLATE latin1_swedish_ci,
  `tx` text, `lt` longtext,
  `bin` binary(4), `vbin` varbinary(64), `bl` blob, `lbl` longblob,
  `j` json, `e` enum('small','medium','large','x y'), `s` set('a','b','c'),
  `g` geometry, `pt` point,
  `gen` varchar(210) GENERATED ALWAYS AS (concat(`vc`, '!')) VIRTUAL,
  `gens` int GENERATED ALWAYS AS (`tiny` * 2) STORED,
  PRIMARY KEY (`id`), UNIQUE KEY `vc_u` (`vc`), KEY `dt_idx` (`dt`, `ch`)
) ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='the zoo';

CREATE TABLE `order` (`select` int NOT NULL, `from where` varchar(20) NOT NULL, `ünïcødé` text, `a``b` int,
  PRIMARY KEY (`select`, `from where`)) ENGINE=InnoDB;
CREATE TABLE `child table` (`id` int PRIMARY KEY, `sel` int, `fw` varchar(20), `zoo_id` bigint unsigned,
  CONSTRAINT `fk order` FOREIGN KEY (`sel`, `fw`) REFERENCES `order` (`select`, `from where`) ON DELETE CASCADE,
  CONSTRAINT `fk_zoo` FOREIGN KEY (`zoo_id`) REFERENCES `zoo` (`id`)) ENGINE=InnoDB;
CREATE TABLE `no key` (`a` varchar(10) COLLATE utf8mb4_general_ci, `b` int, `c` blob) ENGINE=InnoDB;
CREATE TABLE `audit` (`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY, `what` varchar(100)) ENGINE=InnoDB;
-- SHOW CREATE TABLE prints PARTITION BY after ") ENGINE=…" (MySQL 8 inside a /*!50100 … */ comment).
CREATE TABLE `parts` (`id` int NOT NULL, `c` int, PRIMARY KEY (`id`), KEY `c_idx` (`c`)) ENGINE=InnoDB
  PARTITION BY RANGE (`id`) (PARTITION `p0` VALUES LESS THAN (10), PARTITION `p1` VALUES LESS THAN MAXVALUE);
-- Partitioned by its unique key, without a primary key: the key must be in CREATE TABLE, not added after the rows.
CREATE TABLE `keyparts` (`code` varchar(20) NOT NULL, `n` int, UNIQUE KEY `code_u` (`code`), KEY `n_idx` (`n`)) ENGINE=InnoDB
  PARTITION BY KEY () PARTITIONS 3;
INSERT INTO `keyparts` VALUES ('a', 1), ('b', NULL), ('c', 3), ('d', 1);

INSERT INTO `zoo` (`id`, `tiny`, `small u`, `med`, `big`, `ubig`, `dec`, `dec0`, `fl`, `dbl`, `d`, `dt`, `dt6`, `ts`, `t`, `t6`, `y`,
  `b1`, `b12`, `b64`, `ch`, `vc`, `lat`, `tx`, `lt`, `bin`, `vbin`, `bl`, `lbl`, `j`, `e`, `s`, `g`, `pt`) VALUES
 (1, -128, 65535, -8388608, -9223372036854775808, 18446744073709551615, '12345678901234567890.0123456789', 0, 1.1, 2.2250738585072014e-308,
  '1000-01-01', '9999-12-31 23:59:59', '2026-01-02 03:04:05.123456', '2038-01-19 03:14:07.499', '-838:59:59', '123:04:05.000001', 1901,
  b'1', b'101010101010', b'1111111111111111111111111111111111111111111111111111111111111111',
  'abc', 'Tab\there\nnew line \\ backslash \r cr', 'Åsa Öberg', CONCAT('vertical', CHAR(11), 'tab form', CHAR(12), 'feed'), REPEAT('long ', 1000),
  X'00FF0A09', X'5C4E0D0A', X'00', NULL, '{"a": [1, 2.50, "x"], "b": null, "c": {"d": true}}', 'x y', 'a,c',
  ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0))'), ST_GeomFromText('POINT(1.5 -2.25)', 4326)),
 (2, 0, 0, 0, 0, 0, '-0.0000000001', -99999, -3.4e38, -1.7976931348623157e308, '0000-00-00', '0000-00-00 00:00:00', '1970-01-01 00:00:00.000001',
  '1970-01-01 00:00:01.000', '00:00:00', '-00:00:00.5', 0, b'0', b'0', b'0', '', '', '', '', '', X'00000000', X'', X'', X'',
  '[]', 'small', '', NULL, NULL),
 (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (4, 1, 1, 1, 1, 1, '1', 1, 0.1, 0.1, '2024-02-29', '2024-02-29 12:00:00', '2024-02-29 12:00:00', NULL, '838:59:59', '-838:59:58.999999', 2155,
  b'1', b'111', b'1', '\\N', '\\N', NULL, '😀 emoji 中文', 'NULL', X'5C785C78', X'5C78', X'DEADBEEF', REPEAT(X'00FF', 3000),
  '"string"', 'medium', 'a,b,c', ST_GeomFromText('LINESTRING(0 0,1 1,2 1)'), NULL);
INSERT INTO `order` VALUES (1, 'a', 'ünï', 1), (1, 'b', NULL, NULL), (2, '', '', 2), (3, 'select', 'from', 3);
INSERT INTO `child table` VALUES (1, 1, 'a', 1), (2, 3, 'select', NULL), (3, NULL, NULL, 4);
INSERT INTO `no key` VALUES ('b', 1, X'01'), ('a', 2, NULL), ('A', 2, NULL), ('a', 2, NULL), (NULL, NULL, NULL), ('a ', 1, X'');
INSERT INTO `audit` (`what`) VALUES ('seed');
INSERT INTO `parts` VALUES (1, 5), (20, 6), (30, NULL);
ALTER TABLE `audit` AUTO_INCREMENT = 500;

CREATE VIEW `base view` AS SELECT `id`, `vc`, `dec` FROM `zoo` WHERE `id` < 100;
CREATE VIEW `a view on a view` AS SELECT `id`, `vc` FROM `base view` WHERE `dec` IS NOT NULL;
CREATE FUNCTION `double it`(x int) RETURNS int DETERMINISTIC RETURN x * 2;
CREATE PROCEDURE `add audit`(IN w varchar(100)) BEGIN INSERT INTO `audit` (`what`) VALUES (w); SELECT 1; END;
CREATE TRIGGER `zoo ins` AFTER INSERT ON `zoo` FOR EACH ROW INSERT INTO `audit` (`what`) VALUES (CONCAT('zoo ', NEW.`id`));
CREATE TRIGGER `order upd` BEFORE UPDATE ON `order` FOR EACH ROW SET NEW.`ünïcødé` = CONCAT(NEW.`ünïcødé`, '');
CREATE EVENT `nightly` ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO DELETE FROM `audit` WHERE `id` < 0;
-- A routine made under an empty sql_mode keeps it (it must not take the restore session's mode).
SET SESSION sql_mode = '';
CREATE FUNCTION `lenient`() RETURNS int DETERMINISTIC RETURN 1 / 0;
