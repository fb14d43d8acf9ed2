import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// The inline stylesheet and scripts of the HTML report. Literals only: nothing from the input
/// ever reaches these strings.
enum HTMLAssets {
    /// Content-Security-Policy: nothing may be fetched; only our inline style and scripts run.
    static let csp: StaticString =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    /// Installed first, in `<head>`, so that even a syntax error in the main script is recorded
    /// (in `data-errors` on `<html>`, read by the browser test).
    static let errorHook: StaticString = #"""
        (function(){var d=document.documentElement,e=[];function r(m){e.push(String(m));d.setAttribute('data-errors',e.join(' | '));}
        window.addEventListener('error',function(ev){r((ev.message||'error')+(ev.lineno?' @'+ev.lineno:''));});
        window.addEventListener('unhandledrejection',function(ev){r(ev.reason);});window.__wpErr=r;})();
        """#

    static let css: StaticString = #"""
        :root{--bg:#f7f7f5;--card:#fff;--fg:#1d2025;--muted:#5d6570;--line:#e2e4e8;--soft:#f0f1f3;--accent:#2458c6;
        --g1:#d9480f;--g2:#1971c2;--g3:#2b8a3e;--g0:#9aa2ad;--pos:#2b8a3e;--neg:#c92a2a;--warn:#e8590c;--row:34px;color-scheme:light dark}
        @media (prefers-color-scheme:dark){:root{--bg:#131518;--card:#1b1e22;--fg:#e4e6e9;--muted:#9aa2ad;--line:#2d3137;--soft:#23272c;
        --accent:#7aa2f7;--g1:#ff8a4c;--g2:#5ca8ee;--g3:#5cc46e;--g0:#6c737d;--pos:#5cc46e;--neg:#ff6b6b;--warn:#ff922b}}
        *{box-sizing:border-box}
        html{background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        body{margin:0}
        header.top{padding:28px max(20px,calc(50% - 640px)) 18px;background:var(--card);border-bottom:1px solid var(--line)}
        header.top h1{margin:0 0 4px;font-size:26px;letter-spacing:-.01em}
        .meta{color:var(--muted);margin:0}
        .counts{display:flex;flex-wrap:wrap;gap:10px 28px;margin:16px 0 0;padding:0;list-style:none}
        .counts li{display:flex;flex-direction:column}.counts b{font-size:22px;font-variant-numeric:tabular-nums}
        .counts span{color:var(--muted);font-size:13px}
        nav.toc{position:sticky;top:0;z-index:5;background:var(--bg);border-bottom:1px solid var(--line);padding:8px max(20px,calc(50% - 640px));
        display:flex;gap:4px 18px;flex-wrap:wrap;font-size:14px}
        nav.toc a{color:var(--muted);text-decoration:none;padding:2px 0}nav.toc a:hover,nav.toc a:focus{color:var(--accent)}
        main{padding:0 max(20px,calc(50% - 640px)) 60px}
        section{padding:26px 0 6px;border-bottom:1px solid var(--line)}
        section>h2{font-size:21px;margin:0 0 4px}
        .lead{color:var(--muted);margin:0 0 16px}
        h3{font-size:16px;margin:0 0 8px}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(340px,100%),1fr));gap:16px}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;min-width:0;overflow-x:auto}
        .card td{overflow-wrap:anywhere}.card th{white-space:normal}
        .grid.wide{grid-template-columns:repeat(auto-fit,minmax(min(480px,100%),1fr))}
        .empty{color:var(--muted);font-style:italic;margin:6px 0}
        table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
        th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600;white-space:nowrap}
        td.n,th.n{text-align:right}
        .card td.n{white-space:nowrap;overflow-wrap:normal}
        .more{color:var(--muted);font-size:13px;margin:6px 0 0}
        button{font:inherit;color:inherit}
        button.pl{background:none;border:0;padding:0;color:var(--accent);cursor:pointer;text-align:left}
        button.pl:hover{text-decoration:underline}
        :focus-visible{outline:2px solid var(--accent);outline-offset:2px}
        .bar{display:inline-block;vertical-align:middle;height:8px;border-radius:4px;background:var(--soft);width:44px;margin-right:6px;position:relative;overflow:hidden}
        .bar::after{content:"";position:absolute;inset:0 auto 0 0;width:var(--w,0%);background:var(--accent);border-radius:4px}
        .split{display:flex;height:10px;border-radius:5px;overflow:hidden;min-width:120px;background:var(--soft)}
        .split .c{background:var(--g3)}.split .b{background:var(--g0)}
        .legend{display:flex;gap:14px;flex-wrap:wrap;font-size:13px;color:var(--muted);margin:8px 0}
        .dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;vertical-align:-1px}
        .dot.g1{background:var(--g1)}.dot.g2{background:var(--g2)}.dot.g3{background:var(--g3)}.dot.g0{background:var(--g0)}.dot.owner{background:var(--fg)}
        .tag{display:inline-block;font-size:12px;padding:0 7px;border-radius:9px;background:var(--soft);color:var(--muted);white-space:nowrap}
        .tag.need_now{background:color-mix(in srgb,var(--g1) 18%,transparent);color:var(--g1)}
        .tag.need_later{background:color-mix(in srgb,var(--g2) 18%,transparent);color:var(--g2)}
        .tag.distrust{background:color-mix(in srgb,var(--neg) 18%,transparent);color:var(--neg);font-weight:600}
        .tag.evangelist{background:color-mix(in srgb,var(--g3) 18%,transparent);color:var(--g3)}
        .target{margin:0 0 16px}.target header.th{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline;margin:0 0 4px}
        .target h3{margin:0;font-size:18px;overflow-wrap:anywhere}.target .th .tag{white-space:normal}.target .lead{margin:4px 0 8px}
        .summary{margin:4px 0;font-size:14px}
        .tp{border-top:1px solid var(--line);padding:10px 0 6px;margin-top:8px}
        .tp .who{margin:0;font-size:16px;font-weight:600}.tp .sub{color:var(--muted);font-weight:400;font-size:14px}
        .tp .facts{margin:2px 0;color:var(--muted);font-size:14px}.tp .facts b{color:var(--fg)}
        .band{font-size:12px;padding:0 7px;border-radius:9px;background:var(--soft);white-space:nowrap}
        .next{margin:6px 0;background:color-mix(in srgb,var(--accent) 8%,transparent);border-left:3px solid var(--accent);padding:6px 10px;border-radius:4px;overflow-wrap:anywhere}
        .teamev{margin:6px 0;padding-left:18px;font-size:14px}.teamev .ev,.keys .ev{color:var(--muted);font-size:12px}
        .alts{list-style:none;margin:8px 0 0;padding:0;container:paths/inline-size;display:flex;flex-direction:column;gap:12px}
        .alt .why{margin:0 0 4px;font-size:14px;color:var(--muted)}.alt .why .p{font-weight:700;color:var(--fg);font-variant-numeric:tabular-nums;margin-right:4px}
        .order{font-size:13px;color:var(--muted);margin:6px 0 0}details.alts-more>summary{margin:8px 0 0;font-size:14px}
        .wp{list-style:none;margin:0;padding:0;display:grid;grid-template-rows:auto 24px auto}
        .wp>li{min-width:0;margin:0}
        .wn{grid-row:2/4;display:flex;flex-direction:column;align-items:center;text-align:center}
        .wd{flex:0 0 22px;width:22px;height:22px;margin:1px 0;border-radius:50%;border:2.5px solid var(--accent);background:var(--card)}
        .wn.owner .wd{background:var(--fg);border-color:var(--fg)}.wn.target .wd{background:var(--accent)}.wn.mate .wd{border-color:var(--g3)}
        .wt{font-size:13px;line-height:1.25;padding:3px 2px 0;overflow-wrap:anywhere;max-width:100%}.wt .pl{text-align:inherit}
        .ws{grid-row:1/3;display:flex;flex-direction:column}
        .wl{flex:1 1 auto;display:flex;flex-direction:column;justify-content:flex-end;align-items:center;text-align:center;font-size:12px;line-height:1.25;color:var(--muted);padding:0 2px 2px;overflow-wrap:anywhere}
        .wl b{color:var(--fg);font-size:13px}.ws .wk{color:var(--warn);font-weight:600}.ws.weak .wl b{color:var(--warn)}
        .via{display:block;font-size:12px;color:var(--muted)}
        .wline{flex:0 0 24px;position:relative}
        .wline::before{content:"";position:absolute;left:0;right:0;top:11px;border-top:2px solid var(--muted)}
        .ws.inferred .wline::before{border-top-style:dashed}
        .ws.weak .wline::before{border-top:3.5px solid var(--warn);top:10px}.ws.weak.inferred .wline::before{border-top-style:dashed}
        @container paths (max-width:639.98px){
        .wp{display:flex;flex-direction:column;align-items:stretch}
        .wn{flex-direction:row;align-items:center;text-align:left;gap:10px;height:24px}
        .wt{padding:0;flex:1 1 auto;min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.wt .via{display:inline;margin-left:8px}
        .ws{flex-direction:row;min-height:44px;gap:10px}
        .wline{order:-1;flex:0 0 22px;width:22px}
        .wline::before{top:0;bottom:0;left:10px;right:auto;border-top:0;border-left:2px solid var(--muted)}
        .ws.inferred .wline::before{border-top:0;border-left-style:dashed}
        .ws.weak .wline::before{border-top:0;border-left:3.5px solid var(--warn);left:9px;top:0}.ws.weak.inferred .wline::before{border-left-style:dashed}
        .wl{align-items:flex-start;justify-content:center;text-align:left;padding:4px 0}}
        .pairs{list-style:none;margin:0;padding:0}.pairs li{border-top:1px solid var(--line);padding:8px 0}.pairs p{margin:0}
        .pairs .ev{color:var(--muted);font-size:13px;overflow-wrap:anywhere}.pairs code{font-size:12px;color:var(--muted);overflow-wrap:anywhere}
        .keys{margin:0 0 16px}.keys dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:0;font-size:14px}
        .keys dt{font-weight:600}.keys dd{margin:0;color:var(--muted)}
        #people-legend{margin:10px 0 0}
        svg{max-width:100%;height:auto;display:block}
        svg text{fill:var(--fg);font-size:12px}
        svg .tl{fill:var(--muted);font-size:12px}svg .at{fill:var(--muted);font-size:13px;font-weight:600}
        svg .axis{stroke:var(--muted);stroke-width:1}svg .grid{stroke:var(--line);stroke-width:1}svg .tick{stroke:var(--muted)}
        svg .bk{fill:var(--accent)}svg path.ln{fill:none;stroke-width:2.2;stroke-linejoin:round}svg path.ln.in{stroke:var(--g2)}svg path.ln.out{stroke:var(--g1)}
        svg .key.in{fill:var(--g2)}svg .key.out{fill:var(--g1)}
        .netwrap.reach{max-width:980px;margin-bottom:10px}
        svg.reachmap{width:100%}svg.reachmap.narrow{display:none;max-width:440px}
        @media (max-width:639.98px){svg.reachmap.wide{display:none}svg.reachmap.narrow{display:block}}
        svg.reachmap .rl{fill:none;stroke:var(--accent);stroke-opacity:.45}svg.reachmap .rl.mate{stroke:var(--g3)}
        svg.reachmap .rl.more{stroke-dasharray:7 4}svg.reachmap .rl.direct{stroke:var(--fg);stroke-opacity:.3}
        svg.reachmap .nd{stroke:var(--card);stroke-width:2;cursor:pointer}svg.reachmap .nd.owner{fill:var(--fg);cursor:default}
        svg.reachmap .nd.intro{fill:var(--accent)}svg.reachmap .nd.mate{fill:var(--g3)}svg.reachmap .nd.tgt{fill:var(--g1)}
        svg.reachmap .lb{font-size:13px;paint-order:stroke;stroke:var(--card);stroke-width:4px;stroke-linejoin:round}
        svg.reachmap.narrow .lb{font-size:14.5px}svg.reachmap .pc{font-weight:700}
        svg.reachmap .col{fill:var(--muted);font-size:12px;letter-spacing:.05em;text-transform:uppercase}
        .dot.intro{background:var(--accent)}.dot.mate{background:var(--g3)}.dot.tgt{background:var(--g1)}
        details.cloud{margin:6px 0 0}
        .netwrap{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:8px;max-width:820px}
        svg.net{width:100%}svg.net .ring{fill:none;stroke:var(--line);stroke-dasharray:3 5}
        svg.net .e{fill:none;stroke:var(--muted)}svg.net .e.faint{stroke-opacity:.10;stroke-width:.6}svg.net .e.strong{stroke-opacity:.35;stroke-width:1}
        svg.net .n{stroke:var(--card);stroke-width:.6;cursor:pointer}svg.net .n:hover{stroke:var(--fg);stroke-width:2}
        svg.net .g1{fill:var(--g1)}svg.net .g2{fill:var(--g2)}svg.net .g3{fill:var(--g3)}svg.net .g0{fill:var(--g0);fill-opacity:.75}svg.net .owner{fill:var(--fg)}
        figure{margin:0}figcaption{color:var(--muted);font-size:13px;margin-top:6px}
        .controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:0 0 10px}
        .controls input,.controls select{font:inherit;padding:6px 10px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--fg)}
        .controls input{min-width:min(260px,100%)}
        @media (max-width:639.98px){.keys dl{grid-template-columns:1fr;gap:0}.keys dd{margin:0 0 6px}
        header.top h1{font-size:21px}.counts{gap:8px 18px}.card{padding:12px}
        .counts{flex-wrap:nowrap}.counts b{font-size:18px}.counts span{font-size:12px}
        nav.toc{flex-wrap:nowrap;overflow-x:auto;white-space:nowrap;scrollbar-width:none}}
        .tablewrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:10px}
        #ppl{table-layout:fixed;min-width:1400px}
        #ppl td{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;height:var(--row);padding:0 8px;vertical-align:middle;font-size:14px}
        #ppl th{padding:0}
        #ppl th button{background:none;border:0;width:100%;text-align:inherit;padding:10px 8px;cursor:pointer;font:inherit;color:inherit;text-transform:inherit;letter-spacing:inherit}
        #ppl th[aria-sort] button{color:var(--fg)}
        #ppl th[aria-sort=ascending] button::after{content:" \2191"}#ppl th[aria-sort=descending] button::after{content:" \2193"}
        #ppl tbody tr:hover{background:var(--soft)}
        .pager{display:flex;gap:10px;align-items:center;margin:10px 0;color:var(--muted);font-size:14px}
        .pager button{border:1px solid var(--line);background:var(--card);border-radius:8px;padding:4px 12px;cursor:pointer}
        .pager button[disabled]{opacity:.4;cursor:default}
        dialog{border:1px solid var(--line);border-radius:12px;background:var(--card);color:var(--fg);padding:0;width:min(760px,94vw);max-height:88vh}
        dialog::backdrop{background:rgba(0,0,0,.35)}
        .dlg{padding:18px 22px;overflow:auto;max-height:88vh}
        .dlg header{display:flex;justify-content:space-between;gap:10px;align-items:flex-start}
        .dlg h2{margin:0;font-size:20px}.dlg .sub{color:var(--muted);margin:2px 0 8px}
        .dlg code{font-size:12px;word-break:break-all;color:var(--muted)}
        .scores{display:grid;grid-template-columns:repeat(4,1fr);gap:8px;margin:12px 0}
        .scores div{background:var(--soft);border-radius:8px;padding:6px 10px}.scores b{display:block;font-size:18px;font-variant-numeric:tabular-nums}
        .scores span{font-size:12px;color:var(--muted)}
        .ledger{table-layout:fixed}.ledger td:nth-child(1){width:78px}.ledger td:nth-child(2){width:150px}.ledger td{font-size:14px;overflow-wrap:anywhere}.ledger td.c{font-variant-numeric:tabular-nums;text-align:right;white-space:nowrap;font-weight:600}
        .ledger .up{color:var(--pos)}.ledger .down{color:var(--neg)}.ledger .ev{color:var(--muted);font-size:12px}
        .close{border:1px solid var(--line);background:var(--soft);border-radius:8px;padding:4px 12px;cursor:pointer}
        details summary{cursor:pointer;color:var(--accent);margin:10px 0}
        .sev-error{color:var(--neg);font-weight:600}.sev-warning{color:var(--warn)}
        .num{font-variant-numeric:tabular-nums}
        @media print{nav.toc,.controls,.pager,dialog,.noprint{display:none!important}
        html{background:#fff;color:#000;font-size:11pt}header.top,main{padding-left:0;padding-right:0}
        section{break-inside:auto;border:0}tr,.card,figure,.target{break-inside:avoid}thead{display:table-header-group}
        .tablewrap{overflow:visible;border:0;min-height:0}#ppl{min-width:0}details>*{display:block}}
        """#

    /// The page script: people table (sort, filter, paging), evidence ledger dialog, and the
    /// `#test-…` hash hooks used by the browser test. Data is read with `JSON.parse` and written
    /// to the page with `textContent` only.
    static let script: StaticString = #"""
        (function(){'use strict';
        var t0=performance.now(),root=document.documentElement;
        var D=JSON.parse(document.getElementById('wp-data').textContent),S=D.s,P=D.p;
        var GL={need_now:'Need now',need_later:'Need later',evangelist:'Evangelist','':''};
        var COLS={name:[1,'s'],company:[2,'s'],position:[3,'s'],strength:[6,'n'],readiness:[7,'n'],credibility:[8,'n'],
        reliability:[9,'n'],intimacy:[10,'n'],self:[11,'n'],proximity:[12,'n'],degree:[13,'n'],group:[14,'s'],last:[15,'s'],
        in:[16,'n'],out:[17,'n'],known:[19,'s']};
        var byId=new Map();for(var i=0;i<P.length;i++)byId.set(P[i][0],P[i]);
        var hay=null;function haystack(){if(!hay){hay=new Array(P.length);for(var i=0;i<P.length;i++){var r=P[i];
        hay[i]=(r[1]+'\u0001'+r[2]+'\u0001'+r[3]+'\u0001'+r[0]+'\u0001'+S[r[19]]).toLowerCase();}}return hay;}
        var st={key:'strength',dir:-1,q:'',g:'all',page:0,size:50},view=null,lowKeys={};
        var tbody=document.querySelector('#ppl tbody'),info=document.getElementById('pg-info'),
        prev=document.getElementById('pg-prev'),next=document.getElementById('pg-next'),wrap=document.querySelector('.tablewrap');
        function keyOf(col){if(lowKeys[col])return lowKeys[col];var c=COLS[col][0],a=new Array(P.length);
        for(var i=0;i<P.length;i++)a[i]=String(c===19?S[P[i][c]]:P[i][c]).toLowerCase();return lowKeys[col]=a;}
        function compute(){var idx=[],q=st.q,g=st.g,h=q?haystack():null;
        for(var i=0;i<P.length;i++){if(g!=='all'&&P[i][14]!==(g==='none'?'':g))continue;if(q&&h[i].indexOf(q)<0)continue;idx.push(i);}
        var c=COLS[st.key],d=st.dir;
        if(c[1]==='n'){var k=c[0];idx.sort(function(a,b){var x=P[a][k],y=P[b][k];if(x!==y){if(x===null)return 1;if(y===null)return -1;return (x<y?-1:1)*d;}
        return P[a][0]<P[b][0]?-1:P[a][0]>P[b][0]?1:0;});}
        else{var L=keyOf(st.key);idx.sort(function(a,b){var x=L[a],y=L[b];if(x!==y){if(x==='')return 1;if(y==='')return -1;return (x<y?-1:1)*d;}
        return P[a][0]<P[b][0]?-1:P[a][0]>P[b][0]?1:0;});}
        view=idx;}
        function f2(v){return v===null?'\u2014':(v/1000).toFixed(2);}
        function distrusted(r){for(var i=0;i<r[18].length;i++){if(S[r[18][i][1]]==='distrust')return true;}return false;}
        function flag(){var e=document.createElement('span');e.className='tag distrust';e.textContent='distrust';
        e.title='A graph file gives distrust (a weight \u2264 0) between you and this person: never an introduction hop';return e;}
        function td(text,cls){var e=document.createElement('td');if(cls)e.className=cls;e.textContent=text;return e;}
        function barCell(v){if(v===null)return td('\u2014','ns');var e=document.createElement('td'),b=document.createElement('span');b.className='bar';
        b.style.setProperty('--w',Math.max(0,Math.min(100,v/10))+'%');e.appendChild(b);e.appendChild(document.createTextNode(f2(v)));return e;}
        function priorCell(v){var e=td('no evidence','ns');e.title='No interaction evidence: the strength ('+f2(v)+') is a prior from the connection, not a measurement';return e;}
        function render(){var n=view.length,pages=Math.max(1,Math.ceil(n/st.size));if(st.page>=pages)st.page=pages-1;if(st.page<0)st.page=0;
        var a=st.page*st.size,b=Math.min(n,a+st.size),frag=document.createDocumentFragment();
        for(var j=a;j<b;j++){var r=P[view[j]],tr=document.createElement('tr'),c=document.createElement('td'),btn=document.createElement('button');
        btn.type='button';btn.className='pl';btn.setAttribute('data-pid',r[0]);btn.textContent=r[1]||r[0];c.appendChild(btn);
        if(distrusted(r)){c.appendChild(document.createTextNode(' '));c.appendChild(flag());}tr.appendChild(c);
        tr.appendChild(td(r[2]));tr.appendChild(td(r[3]));tr.appendChild(r[21]===0?priorCell(r[6]):barCell(r[6]));tr.appendChild(barCell(r[7]));
        for(var k=8;k<=12;k++)tr.appendChild(td(f2(r[k]),'n'));
        tr.appendChild(td(r[13]<0?'\u2013':String(r[13]),'n'));
        var gc=document.createElement('td');if(r[14]){var s=document.createElement('span');s.className='tag '+r[14];s.textContent=GL[r[14]]||r[14];gc.appendChild(s);}tr.appendChild(gc);
        tr.appendChild(td(S[r[19]]||'\u2014'));tr.appendChild(td(r[15]));tr.appendChild(td(String(r[16]),'n'));tr.appendChild(td(String(r[17]),'n'));frag.appendChild(tr);}
        tbody.textContent='';tbody.appendChild(frag);
        info.textContent=n?('Rows '+(a+1).toLocaleString('en-US')+'\u2013'+b.toLocaleString('en-US')+' of '+n.toLocaleString('en-US')+
        (n<P.length?' (filtered from '+P.length.toLocaleString('en-US')+')':'')):'No people match.';
        prev.disabled=st.page<=0;next.disabled=b>=n;
        document.querySelectorAll('#ppl th[data-k]').forEach(function(th){if(th.getAttribute('data-k')===st.key)
        th.setAttribute('aria-sort',st.dir<0?'descending':'ascending');else th.removeAttribute('aria-sort');});
        root.setAttribute('data-rows',String(b-a));root.setAttribute('data-matched',String(n));
        root.setAttribute('data-first',n?(P[view[a]][1]||''):'');root.setAttribute('data-sort',st.key+(st.dir<0?' desc':' asc'));}
        function update(){compute();render();}
        document.querySelectorAll('#ppl th[data-k] button').forEach(function(b){b.addEventListener('click',function(){
        var k=b.parentNode.getAttribute('data-k');if(st.key===k)st.dir=-st.dir;else{st.key=k;st.dir=COLS[k][1]==='n'?-1:1;}st.page=0;update();});});
        var q=document.getElementById('q'),grp=document.getElementById('grp'),size=document.getElementById('pg-size'),timer=0;
        q.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(function(){st.q=q.value.trim().toLowerCase();st.page=0;update();},120);});
        grp.addEventListener('change',function(){st.g=grp.value;st.page=0;update();});
        size.addEventListener('change',function(){st.size=parseInt(size.value,10)||50;st.page=0;wrap.style.minHeight='calc(var(--row) * '+Math.min(st.size,100,P.length)+' + 40px)';render();});
        prev.addEventListener('click',function(){st.page--;render();});next.addEventListener('click',function(){st.page++;render();});
        var dlg=document.getElementById('ledger'),dl=function(id){return document.getElementById(id);};
        function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!==undefined)e.textContent=text;return e;}
        var SN={strength:'Strength',readiness:'Readiness',credibility:'Credibility',reliability:'Reliability',intimacy:'Intimacy',self_orientation:'Self-orientation'};
        var SH={strength:'Terms in log-odds: they add up to s, and strength = 1 \u00f7 (1 + e^\u2212s).',
        readiness:'Terms on the score\u2019s own 0\u20131 scale: they add up to the readiness.'};
        var BD=(dlg.getAttribute('data-bands')||'').split(' ').map(Number);
        function band(v,i,names){if(v===null||BD.length<6)return '';v=v/1000;return v>=BD[i]?names[0]:v>=BD[i+1]?names[1]:names[2];}
        function openLedger(id,fallback){var r=byId.get(id);dl('l-name').textContent=r?(r[1]||r[0]):(fallback||id);
        if(r&&distrusted(r)){dl('l-name').appendChild(document.createTextNode(' '));dl('l-name').appendChild(flag());}
        dl('l-sub').textContent=r?[r[3],r[2]].filter(Boolean).join(' \u00b7 '):'Not in the people table.';
        dl('l-url').textContent=r&&r[4]?r[4]:'';dl('l-src').textContent=r&&S[r[5]]?'Sources: '+S[r[5]]+(S[r[19]]?' \u00b7 Known by: '+S[r[19]]:''):'';
        var sc=dl('l-scores');sc.textContent='';var body=dl('l-body');body.textContent='';
        if(r){[['Strength',r[6],r[21]===0?'a prior: no interaction evidence':band(r[6],0,['strong','medium','weak'])],['Readiness',r[7],band(r[7],2,['high','medium','low'])],
        ['Credibility',r[8]],['Reliability',r[9]],['Intimacy',r[10]],['Self-orientation',r[11]],
        ['Proximity',r[12]]].forEach(function(p){var d=el('div');d.appendChild(el('b',null,f2(p[1])));d.appendChild(el('span',null,p[0]+(p[2]?' \u00b7 '+p[2]:'')));sc.appendChild(d);});
        var d=el('div');d.appendChild(el('b',null,r[16]+' / '+r[17]));d.appendChild(el('span',null,'messages in / out'));sc.appendChild(d);
        var L=r[18],T=r[20]||[];
        if(r[21]===0)body.appendChild(el('p','empty','No interaction evidence: no message, meeting, note or endorsement between you. The strength is a prior from the connection (its age, shared employers or schools, mutual contacts), not a measurement.'));
        if(!L.length)body.appendChild(el('p','empty',T.length?'You share no evidence with this person yet: their scores toward you are unknown (\u2014). What your teammates\u2019 exports show is below.':'No evidence recorded for this person.'));
        var groups=new Map();L.forEach(function(e){var k=S[e[0]];if(!groups.has(k))groups.set(k,[]);groups.get(k).push(e);});
        groups.forEach(function(rows,k){body.appendChild(el('h3',null,SN[k]||k));
        body.appendChild(el('p','sub',SH[k]||'Terms on the score\u2019s own 0\u20131 scale: they add up to the score.'));var t=el('table','ledger'),tb=el('tbody');
        rows.forEach(function(e){var tr=el('tr'),c=e[2];tr.appendChild(el('td','c '+(c>0?'up':c<0?'down':''),(c>0?'+':c<0?'\u2212':'')+(Math.abs(c)/1000).toFixed(2)));
        tr.appendChild(el('td',null,S[e[1]]));var n=el('td');n.appendChild(el('div',null,S[e[3]]));
        if(e[4].length){n.appendChild(el('div','ev',e[4].map(function(x){return S[x];}).join(', ')));}tr.appendChild(n);tb.appendChild(tr);});
        t.appendChild(tb);body.appendChild(t);});
        if(T.length){body.appendChild(el('h3',null,'What your teammates\u2019 exports show'));
        body.appendChild(el('p','sub','The teammate\u2019s own tie to this person (strength 0\u20131); an introduction can go through them.'));
        var t2=el('table','ledger team'),tb2=el('tbody');T.forEach(function(e){var tr=el('tr');
        tr.appendChild(el('td','c',e[1]<0?'\u2014':(e[1]/1000).toFixed(2)));tr.appendChild(el('td',null,S[e[0]]));
        var n=el('td');n.appendChild(el('div',null,S[e[2]]));if(e[3].length)n.appendChild(el('div','ev',e[3].map(function(x){return S[x];}).join(', ')));
        tr.appendChild(n);tb2.appendChild(tr);});t2.appendChild(tb2);body.appendChild(t2);}}
        root.setAttribute('data-open',id);
        if(typeof dlg.showModal==='function'){if(!dlg.open)dlg.showModal();}else dlg.setAttribute('open','');}
        document.addEventListener('click',function(ev){var t=ev.target.closest?ev.target.closest('[data-pid]'):null;
        if(t){var tt=t.querySelector&&t.querySelector('title');openLedger(t.getAttribute('data-pid'),tt?tt.textContent:t.textContent);}});
        dl('l-close').addEventListener('click',function(){dlg.close();});
        dlg.addEventListener('click',function(ev){if(ev.target===dlg)dlg.close();});
        var h=new URLSearchParams(location.hash.slice(1));
        if(h.get('test-sort')&&COLS[h.get('test-sort')]){st.key=h.get('test-sort');st.dir=COLS[st.key][1]==='n'?-1:1;}
        if(h.get('test-dir'))st.dir=h.get('test-dir')==='asc'?1:-1;
        if(h.get('test-filter')!==null){q.value=h.get('test-filter');st.q=q.value.trim().toLowerCase();}
        if(h.get('test-group')){st.g=h.get('test-group');grp.value=st.g;}
        update();
        if(h.get('test-open'))openLedger(h.get('test-open'));
        if(h.get('test-layout')!==null)checkLayout();
        function checkLayout(){document.querySelectorAll('details').forEach(function(d){d.open=true;});
        var out=[],segs=0,minPx=99,layout='',paths=document.querySelectorAll('ol.wp');
        function px(e){return parseFloat(getComputedStyle(e).fontSize);}
        paths.forEach(function(ol,pi){var nodes=[],sg=[],hops=parseInt(ol.getAttribute('data-hops'),10);
        Array.prototype.forEach.call(ol.children,function(li){(li.classList.contains('wn')?nodes:sg).push(li);});
        if(sg.length!==hops||nodes.length!==hops+1){out.push('path '+pi+': '+sg.length+' segments, '+nodes.length+' people for '+hops+' hops');return;}
        var row=getComputedStyle(ol).display==='grid';if(!layout)layout=row?'row':'column';else if(layout!==(row?'row':'column'))layout='mixed';
        for(var k=0;k<hops;k++){var a=nodes[k].querySelector('.wd').getBoundingClientRect(),b=nodes[k+1].querySelector('.wd').getBoundingClientRect(),
        ln=sg[k].querySelector('.wline').getBoundingClientRect(),lb=sg[k].querySelector('.wl').getBoundingClientRect(),w='path '+pi+' hop '+(k+1)+': ';
        if(row){if(Math.abs(ln.left-a.right)>2||Math.abs(ln.right-b.left)>2)out.push(w+'line '+Math.round(ln.left)+'\u2013'+Math.round(ln.right)+' does not join the dots at '+Math.round(a.right)+' and '+Math.round(b.left));
        var cx=(lb.left+lb.right)/2;if(cx<a.right||cx>b.left)out.push(w+'label not over its segment');if(lb.bottom>ln.top+ln.height/2+1)out.push(w+'label not above its line');}
        else{if(Math.abs(ln.top-a.bottom)>3||Math.abs(ln.bottom-b.top)>3)out.push(w+'line '+Math.round(ln.top)+'\u2013'+Math.round(ln.bottom)+' does not join the dots at '+Math.round(a.bottom)+' and '+Math.round(b.top));
        var cy=(lb.top+lb.bottom)/2;if(cy<a.bottom||cy>b.top)out.push(w+'label not beside its segment');if(lb.left<ln.right-1)out.push(w+'label over its line');}
        segs++;}
        ol.querySelectorAll('.wl,.wt,.via').forEach(function(e){minPx=Math.min(minPx,px(e));});
        if(ol.scrollWidth>ol.clientWidth+1)out.push('path '+pi+' is wider than its card');});
        var mapPx=99;document.querySelectorAll('svg.reachmap').forEach(function(svg){var r=svg.getBoundingClientRect();if(!r.width)return;
        var s=r.width/svg.viewBox.baseVal.width;svg.querySelectorAll('text.lb').forEach(function(t){mapPx=Math.min(mapPx,px(t)*s);
        var b=t.getBoundingClientRect();if(b.right>r.right+1||b.left<r.left-1)out.push('network label cut: '+t.textContent);});});
        var de=document.documentElement;root.setAttribute('data-paths',String(paths.length));root.setAttribute('data-segments',String(segs));
        root.setAttribute('data-path-layout',layout);root.setAttribute('data-path-errors',out.join(' | '));
        root.setAttribute('data-min-label-px',String(minPx));root.setAttribute('data-map-label-px',String(Math.round(mapPx*10)/10));
        root.setAttribute('data-overflow',String(de.scrollWidth-de.clientWidth));var wide=[];
        document.querySelectorAll('body *').forEach(function(e){if(wide.length>=4)return;var r=e.getBoundingClientRect();if(r.right<=de.clientWidth+1||!r.width)return;
        for(var p=e.parentElement;p&&p!==document.body;p=p.parentElement){var o=getComputedStyle(p).overflowX;if(o==='auto'||o==='hidden'||o==='scroll')return;}
        wide.push(e.tagName.toLowerCase()+(e.id?'#'+e.id:'')+(e.className&&e.className.baseVal===undefined?'.'+String(e.className).split(' ').join('.'):'')+' '+Math.round(r.right));});
        root.setAttribute('data-overflow-at',wide.join(' | '));root.setAttribute('data-viewport',String(window.innerWidth));}
        root.setAttribute('data-init-ms',String(Math.round(performance.now()-t0)));
        root.setAttribute('data-ready-ms',String(Math.round(performance.now())));
        requestAnimationFrame(function(){var f=performance.getEntriesByName('first-contentful-paint')[0];
        if(f)root.setAttribute('data-fcp-ms',String(Math.round(f.startTime)));});
        root.setAttribute('data-ready','1');
        })();
        """#
}
