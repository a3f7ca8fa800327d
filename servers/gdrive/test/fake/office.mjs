// @ts-check
// Minimal real Office files (zip archives of OOXML parts) for the fake Drive: a docx, an xlsx with two
// sheets and shared strings, a pptx with two slides. Written with deflate, as Office does.
import { crc32, deflateRawSync } from 'node:zlib';

/** @param {Record<string, string>} files @returns {Buffer} */
export function zip(files) {
  /** @type {Buffer[]} */
  const locals = [];
  /** @type {Buffer[]} */
  const centrals = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export function docx() {
  return zip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
    'word/document.xml': `<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>Contract &amp; terms</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Party A</w:t></w:r><w:r><w:tab/><w:t>Party B</w:t></w:r></w:p></w:body></w:document>`,
  });
}

export function xlsx() {
  return zip({
    'xl/workbook.xml':
      '<workbook xmlns:r="r"><sheets><sheet name="Totals" sheetId="1" r:id="rId1"/><sheet name="Raw &amp; more" sheetId="2" r:id="rId2"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships><Relationship Id="rId1" Type="ws" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="ws" Target="worksheets/sheet2.xml"/></Relationships>',
    'xl/sharedStrings.xml':
      '<sst><si><t>Region</t></si><si><t>Sales</t></si><si><t>North, east</t></si></sst>',
    'xl/worksheets/sheet1.xml':
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2"><v>42</v></c></row></sheetData></worksheet>',
    'xl/worksheets/sheet2.xml':
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>raw</t></is></c></row></sheetData></worksheet>',
  });
}

const xmlText = (/** @type {string} */ s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A pptx of the given slides, each a list of paragraphs (Drive's pptx export of Slides is one too). */
export function slidesPptx(/** @type {string[][]} */ slides) {
  const slide = (/** @type {string[]} */ lines) =>
    `<p:sld><p:cSld><p:spTree>${lines.map((l) => `<a:p><a:r><a:t>${xmlText(l)}</a:t></a:r></a:p>`).join('')}</p:spTree></p:cSld></p:sld>`;
  return zip(Object.fromEntries(slides.map((lines, i) => [`ppt/slides/slide${i + 1}.xml`, slide(lines)])));
}

/** Slides stored out of order (slide10 sorts before slide2 as text): read back in number order. */
export function pptx() {
  const slide = (/** @type {string[]} */ lines) =>
    `<p:sld><p:cSld><p:spTree>${lines.map((l) => `<a:p><a:r><a:t>${l}</a:t></a:r></a:p>`).join('')}</p:spTree></p:cSld></p:sld>`;
  return zip({
    'ppt/slides/slide2.xml': slide(['Second', 'Details']),
    'ppt/slides/slide1.xml': slide(['Kick-off']),
    'ppt/slides/slide10.xml': slide(['Tenth']),
  });
}
