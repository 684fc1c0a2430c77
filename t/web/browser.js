// t/web/browser.js - rs-web in a real browser, as a person uses it.
//
//	node t/web/browser.js URL OUTDIR ATTACHMENT
//
// Drives Debian's Chromium, headless, through puppeteer-core over the
// page that lighttpd serves at URL (t/web.sh): the form, a refused
// submission, a request with an attachment, its radicado, the lookup
// with the right code and with a wrong one.  On each page it runs
// axe-core with the WCAG 2.0 and 2.1 A and AA rules, walks the page with
// the Tab key, looks at it at 200% zoom, and takes a screenshot.
//
// It decides nothing about TAP: for each check it prints one line,
//
//	NAME<TAB>ok
//	NAME<TAB>fail<TAB>why
//
// and t/web-browser.t turns each into a test.  A check that could not
// run for an earlier failure is printed as failed, saying so.  What the
// shell test checks against the database goes into OUTDIR: radicado,
// codigo, vence (the texts the pages showed), and the screenshots,
// NAME.png.  Exit status 0 when it ran to the end, whatever it found; 2
// when the browser itself could not be driven.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const puppeteer = require('puppeteer-core');

const [url, outdir, attachment] = process.argv.slice(2);
if (!url || !outdir || !attachment) {
	process.stderr.write('usage: node browser.js URL OUTDIR ATTACHMENT\n');
	process.exit(64);
}
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The form's fields in the order of the page (the interface of rs-web)
const formFields = ['tipo', 'anonimo', 'nombre', 'saludo', 'documento',
	'correo', 'telefono', 'direccion', 'autoriza_correo', 'asunto',
	'texto', 'adjunto'];
const lookupFields = ['radicado', 'codigo'];

const desktop = { width: 1280, height: 800, deviceScaleFactor: 1 };
// 200% zoom of a 1280 px wide window: 640 CSS px, two device px each
const zoomed = { width: 640, height: 800, deviceScaleFactor: 2 };

function report(name, why) {
	if (why === null || why === undefined)
		process.stdout.write(`${name}\tok\n`);
	else
		process.stdout.write(`${name}\tfail\t${String(why).replace(/\s+/g, ' ')}\n`);
}

// check NAME FN: run FN; a string it returns, or an error it throws,
// is why NAME failed
async function check(name, fn) {
	let why = null;
	try {
		const r = await fn();
		if (typeof r === 'string')
			why = r;
	} catch (e) {
		why = e && e.message ? e.message : String(e);
	}
	report(name, why);
	return why === null;
}

// --- PNG: not empty, not blank ------------------------------------------------

// The pixels of an 8-bit RGB or RGBA PNG, as Chromium writes it
function pngPixels(buf) {
	const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	if (buf.length < 8 || !buf.subarray(0, 8).equals(sig))
		throw new Error('not a PNG');
	let i = 8, w = 0, h = 0, depth = 0, ctype = 0;
	const idat = [];
	while (i < buf.length) {
		const n = buf.readUInt32BE(i);
		const t = buf.toString('latin1', i + 4, i + 8);
		if (t === 'IHDR') {
			w = buf.readUInt32BE(i + 8);
			h = buf.readUInt32BE(i + 12);
			depth = buf[i + 16];
			ctype = buf[i + 17];
		} else if (t === 'IDAT')
			idat.push(buf.subarray(i + 8, i + 8 + n));
		i += 12 + n;
	}
	const bpp = { 2: 3, 6: 4 }[ctype];
	if (depth !== 8 || !bpp)
		throw new Error(`PNG of depth ${depth}, colour type ${ctype}: not RGB(A) 8-bit`);
	const raw = zlib.inflateSync(Buffer.concat(idat));
	const stride = w * bpp;
	const px = Buffer.alloc(h * stride);
	for (let y = 0, p = 0; y < h; y++) {
		const f = raw[p++];
		for (let x = 0; x < stride; x++) {
			const a = x >= bpp ? px[y * stride + x - bpp] : 0;
			const b = y > 0 ? px[(y - 1) * stride + x] : 0;
			const c = y > 0 && x >= bpp ? px[(y - 1) * stride + x - bpp] : 0;
			let v = raw[p++];
			if (f === 1) v += a;
			else if (f === 2) v += b;
			else if (f === 3) v += (a + b) >> 1;
			else if (f === 4) {
				const q = a + b - c, pa = Math.abs(q - a),
				    pb = Math.abs(q - b), pc = Math.abs(q - c);
				v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
			}
			px[y * stride + x] = v & 255;
		}
	}
	return { w, h, bpp, px };
}

// A page drawn: at least 1% of the pixels differ from the commonest
// colour (the background), and some of them are dark (text)
function notBlank(file) {
	const st = fs.statSync(file);
	if (st.size === 0)
		return `${path.basename(file)} is empty`;
	const { w, h, bpp, px } = pngPixels(fs.readFileSync(file));
	const count = new Map();
	for (let i = 0; i < px.length; i += bpp) {
		const k = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
		count.set(k, (count.get(k) || 0) + 1);
	}
	let bg = 0, most = 0;
	for (const [k, n] of count)
		if (n > most) { most = n; bg = k; }
	const other = w * h - most;
	let dark = 0;
	for (let i = 0; i < px.length; i += bpp)
		if (px[i] + px[i + 1] + px[i + 2] < 3 * 100)
			dark++;
	if (other < w * h / 100)
		return `${path.basename(file)} is blank: ${other} of ${w * h} pixels differ from the background #${bg.toString(16).padStart(6, '0')}`;
	if (dark < 50)
		return `${path.basename(file)} has no text: ${dark} dark pixels`;
	return null;
}

// --- what every page gets -------------------------------------------------------

async function axe(page) {
	// Runtime.evaluate, which the page's Content-Security-Policy does
	// not govern: the page is checked as it is served
	if (!await page.evaluate('typeof axe !== "undefined"'))
		await page.evaluate(axeSource);
	const r = await page.evaluate(tags => axe.run(document,
	    { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), axeTags);
	if (r.violations.length === 0)
		return null;
	return r.violations.map(v => `${v.id} (${v.impact}): ${v.help}: ` +
	    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')).join('; ');
}

// the whole page, or what the window shows
async function screenshot(page, name, fullPage = true) {
	const file = path.join(outdir, `${name}.png`);
	await page.screenshot({ path: file, fullPage });
	return notBlank(file);
}

// 200% zoom: the page fits 640 CSS px, no horizontal scroll
async function zoom(page, name) {
	await page.setViewport(zoomed);
	try {
		const m = await page.evaluate(() => ({
			scroll: document.documentElement.scrollWidth,
			body: document.body.scrollWidth,
			width: window.innerWidth,
		}));
		const shot = await screenshot(page, `${name}-zoom`, false);
		if (m.scroll > m.width || m.body > m.width)
			return `at 200% zoom the page is ${Math.max(m.scroll, m.body)} CSS px wide in a window of ${m.width}: it scrolls sideways`;
		return shot;
	} finally {
		await page.setViewport(desktop);
	}
}

// Tab from the top of the page: every one of FIELDS and then SUBMIT is
// reached, in the order of the page, each showing its focus; nothing
// traps the focus
async function keyboard(page, fields, submit) {
	await page.evaluate(() => {
		if (document.activeElement)
			document.activeElement.blur();
		window.scrollTo(0, 0);
	});
	// each element focused, once, in the order the Tab key reaches it;
	// the walk ends when the focus leaves the page or comes round again
	await page.evaluate(() => { window.rsTabbed = []; });
	const seen = [], hidden = [];
	for (let i = 0; i < 100; i++) {
		await page.keyboard.press('Tab');
		const r = await page.evaluate(() => {
			const e = document.activeElement;
			if (!e || e === document.body)
				return null;
			const again = window.rsTabbed.includes(e);
			if (!again)
				window.rsTabbed.push(e);
			// a group of radio buttons is one stop, named by its name
			const key = e.type === 'radio' ? e.name :
			    e.id || e.name || e.tagName.toLowerCase();
			// WCAG 2.4.7: the focus shows, as an outline or a shadow
			const cs = getComputedStyle(e);
			const shown = cs.outlineStyle !== 'none' &&
			    parseFloat(cs.outlineWidth) > 0 || cs.boxShadow !== 'none';
			return { key, again, shown };
		});
		if (r === null || r.again)
			break;
		seen.push(r.key);
		if (!r.shown)
			hidden.push(r.key);
	}
	if (hidden.length)
		return `the focus does not show on ${hidden.join(', ')}`;
	// the page's order of them: no tabindex may jumble it
	const want = await page.evaluate(names => {
		const el = n => document.getElementById(n) || document.getElementsByName(n)[0];
		return names.filter(el).sort((a, b) =>
		    el(a).compareDocumentPosition(el(b)) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
	}, fields.concat([submit]));
	const absent = fields.concat([submit]).filter(f => !want.includes(f));
	if (absent.length)
		return `the page has no ${absent.join(', ')}`;
	const missing = want.filter(f => !seen.includes(f));
	if (missing.length)
		return `the Tab key never reaches ${missing.join(', ')} (it goes: ${seen.join(' ')})`;
	const order = seen.filter(k => want.includes(k));
	if (order.join(' ') !== want.join(' '))
		return `the Tab key goes ${order.join(' ')}, not in the page's order ${want.join(' ')}`;
	return null;
}

// one page's common checks, each its own line
async function common(page, name, fields, submit) {
	await check(`${name}-axe`, () => axe(page));
	if (fields)
		await check(`${name}-keyboard`, () => keyboard(page, fields, submit));
	await check(`${name}-zoom`, () => zoom(page, name));
	await check(`${name}-screenshot`, () => screenshot(page, name));
}

// --- filling the form as a person does ----------------------------------------

async function setField(page, name, value) {
	const kind = await page.evaluate(n => {
		const e = document.getElementsByName(n)[0];
		if (!e)
			return null;
		return e.tagName === 'SELECT' ? 'select' : e.type;
	}, name);
	if (kind === null)
		throw new Error(`the page has no field ${name}`);
	if (kind === 'select') {
		const got = await page.select(`[name="${name}"]`, value);
		if (!got.includes(value))
			throw new Error(`${name} has no option ${value}`);
	} else if (kind === 'radio') {
		await page.click(`[name="${name}"][value="${value}"]`);
	} else if (kind === 'checkbox') {
		const on = await page.$eval(`[name="${name}"]`, e => e.checked);
		if (on !== value)
			await page.click(`[name="${name}"]`);
	} else {
		await page.click(`[name="${name}"]`, { clickCount: 3 });
		await page.keyboard.press('Backspace');
		await page.type(`[name="${name}"]`, value);
	}
}

async function fieldValue(page, name) {
	return page.evaluate(n => {
		const e = document.getElementsByName(n);
		if (!e.length)
			return null;
		if (e[0].type === 'radio') {
			for (const r of e)
				if (r.checked)
					return r.value;
			return '';
		}
		return e[0].type === 'checkbox' ? e[0].checked : e[0].value;
	}, name);
}

// submit with the keyboard: focus the button, press Enter
async function submit(page, button) {
	await page.focus(button);
	const [res] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		page.keyboard.press('Enter'),
	]);
	return res;
}

async function text(page, sel) {
	return page.$eval(sel, e => e.textContent.trim()).catch(() => null);
}

// --- the visit ----------------------------------------------------------------------

const person = {
	tipo: 'peticion',
	nombre: 'Rosa Elena Díaz Muñoz',
	saludo: 'senora',
	documento: '52123456',
	asunto: 'Certificado de tiempo de servicio',
	texto: 'Solicito el certificado de tiempo de servicio de los años 2019 a 2024, para mi pensión.',
};

async function visit(browser) {
	// the window the browser opened with: a new one costs seconds
	const page = (await browser.pages())[0] || await browser.newPage();
	await page.setViewport(desktop);
	const problems = [];
	page.on('pageerror', e => problems.push(`script error: ${e.message}`));
	page.on('console', m => {
		if (m.type() === 'error' && /Content.Security.Policy|Refused/i.test(m.text()))
			problems.push(m.text());
	});

	// 1. the form
	let res = await page.goto(url + '/', { waitUntil: 'load' });
	const formOk = await check('form-load', async () => {
		if (res.status() !== 200)
			return `GET / answered ${res.status()}`;
		const missing = [];
		for (const f of formFields.concat(['csrf']))
			if (await page.$(`[name="${f}"]`) === null)
				missing.push(f);
		if (await page.$('#enviar') === null)
			missing.push('enviar');
		if (missing.length)
			return `the form lacks ${missing.join(', ')}`;
		const lang = await page.evaluate(() => document.documentElement.lang);
		if (!/^es/.test(lang))
			return `the page's language is "${lang}", not Spanish`;
	});
	if (formOk)
		await common(page, 'form', formFields, 'enviar');
	else
		await common(page, 'form');

	// 2. refused: no e-mail, phone or address, no way to answer; the
	// browser cannot know that, the program must say it
	for (const [k, v] of Object.entries(person))
		await setField(page, k, v);
	res = await submit(page, '#enviar');
	await check('refused-status', () => res.status() === 422 ? null :
	    `a request with no way to reach the person answered ${res.status()}, not 422`);
	await check('refused-announced', async () => {
		const a = await page.$eval('#errores', e => ({
			role: e.getAttribute('role'),
			text: e.textContent.trim(),
		})).catch(() => null);
		if (!a)
			return 'no #errores on the refused form';
		if (a.role !== 'alert')
			return `#errores has role "${a.role}", not alert`;
		if (!a.text)
			return '#errores says nothing';
	});
	await check('refused-field', async () => {
		const errs = await page.$$eval('[id^="error-"]', l => l.map(e => ({
			id: e.id, text: e.textContent.trim(),
		})));
		const mine = errs.filter(e => e.id === 'error-correo' || e.id === 'error-telefono');
		if (!mine.length)
			return `no error at correo or telefono (errors at: ${errs.map(e => e.id).join(', ') || 'none'})`;
		for (const e of mine) {
			const f = e.id.slice('error-'.length);
			if (!e.text)
				return `#${e.id} says nothing`;
			const d = await page.$eval(`#${f}`, el => ({
				invalid: el.getAttribute('aria-invalid'),
				described: (el.getAttribute('aria-describedby') || '').split(/\s+/),
			}));
			if (d.invalid !== 'true')
				return `#${f} is not aria-invalid="true"`;
			if (!d.described.includes(e.id))
				return `#${f} is not aria-describedby its error #${e.id}`;
		}
	});
	await check('refused-kept', async () => {
		const lost = [];
		for (const [k, v] of Object.entries(person)) {
			const got = await fieldValue(page, k);
			if (got !== v)
				lost.push(`${k} is "${got}", was "${v}"`);
		}
		if (lost.length)
			return `what was typed is lost: ${lost.join('; ')}`;
	});
	await common(page, 'refused');

	// 3. accepted: the e-mail and the address added, an attachment, the
	// consent to be answered by e-mail; the radicado, its code, its due
	// date
	await setField(page, 'correo', 'rosa.diaz@example.com');
	await setField(page, 'direccion', 'Calle 37 # 8-40, Bogotá');
	await setField(page, 'autoriza_correo', true);
	const input = await page.$('#adjunto');
	await input.uploadFile(attachment);
	res = await submit(page, '#enviar');
	const radicado = await text(page, '#radicado');
	const codigo = await text(page, '#codigo');
	const vence = await text(page, '#vence');
	const doneOk = await check('radicado-page', () => {
		if (res.status() !== 200)
			return `the request answered ${res.status()}, not 200`;
		if (!radicado || !/^[A-Z0-9]+-\d{4}-\d{6,}$/.test(radicado))
			return `#radicado is "${radicado}", not a radicado`;
		if (!codigo)
			return 'no #codigo';
		if (!vence)
			return 'no #vence';
	});
	fs.writeFileSync(path.join(outdir, 'radicado'), `${radicado}\n`);
	fs.writeFileSync(path.join(outdir, 'codigo'), `${codigo}\n`);
	fs.writeFileSync(path.join(outdir, 'vence'), `${vence}\n`);
	await common(page, 'radicado');

	// 4. the lookup, with the right code
	res = await page.goto(url + '/consulta', { waitUntil: 'load' });
	await check('lookup-load', () => res.status() === 200 ? null :
	    `GET /consulta answered ${res.status()}`);
	await common(page, 'lookup', lookupFields, 'consultar');
	await setField(page, 'radicado', radicado || '');
	await setField(page, 'codigo', codigo || '');
	res = await submit(page, '#consultar');
	await check('status-page', async () => {
		if (!doneOk)
			return 'no radicado to look up';
		if (res.status() !== 200)
			return `the right radicado and code answered ${res.status()}`;
		const estado = await text(page, '#estado');
		if (!estado)
			return 'no #estado';
		const body = await page.evaluate(() => document.body.innerText);
		if (!body.includes(radicado))
			return `the status page does not name ${radicado}`;
		fs.writeFileSync(path.join(outdir, 'estado'), `${estado}\n`);
	});
	await common(page, 'status');

	// 5. the lookup with a wrong code: 404, said where it is read
	await page.goto(url + '/consulta', { waitUntil: 'load' });
	await setField(page, 'radicado', radicado || '');
	await setField(page, 'codigo', 'ZZZZ-0000-WRONG');
	res = await submit(page, '#consultar');
	await check('wrong-code', async () => {
		if (res.status() !== 404)
			return `a wrong code answered ${res.status()}, not 404`;
		const t = await text(page, '#errores');
		if (!t)
			return 'no message in #errores';
		if (codigo && (await page.content()).includes(codigo))
			return 'the page shows the right code';
		if (await page.$('#estado'))
			return `a wrong code shows a status: ${await text(page, '#estado')}`;
	});
	await common(page, 'wrong');

	await check('no-script-errors', () => problems.length ?
	    problems.slice(0, 5).join('; ') : null);
}

(async () => {
	let browser;
	try {
		browser = await puppeteer.launch({
			executablePath: chromium,
			headless: true,
			userDataDir: path.join(outdir, 'profile'),
			args: ['--no-sandbox', '--disable-gpu', '--no-first-run',
			    '--disable-background-networking',
			    '--disable-component-update', '--disable-sync',
			    '--lang=es-CO'],
		});
	} catch (e) {
		process.stderr.write(`browser.js: ${chromium}: ${e.message}\n`);
		process.exit(2);
	}
	try {
		await visit(browser);
	} catch (e) {
		// a step the rest depends on broke: say where, and stop
		report('visit', `stopped: ${e.message}`);
	} finally {
		await browser.close();
	}
})();
